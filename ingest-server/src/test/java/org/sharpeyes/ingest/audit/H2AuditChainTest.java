package org.sharpeyes.ingest.audit;

/** Verify and prune on an in-memory H2 database. */
class H2AuditChainTest extends AuditChainContract {
  @Override
  TestStore freshStore() {
    return TestStore.h2();
  }
}
