package org.sharpeyes.ingest.audit;

/** The audit contract on PostgreSQL; skipped when none answers (see {@link TestStore}). */
class PostgresAuditTrailTest extends AuditTrailContract {
  @Override
  TestStore freshStore() {
    return TestStore.postgres();
  }
}
