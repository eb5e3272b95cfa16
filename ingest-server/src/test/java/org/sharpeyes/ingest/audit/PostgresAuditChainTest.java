package org.sharpeyes.ingest.audit;

/** Verify and prune on PostgreSQL; skipped when none answers (see {@link TestStore}). */
class PostgresAuditChainTest extends AuditChainContract {
  @Override
  TestStore freshStore() {
    return TestStore.postgres();
  }
}
