package org.sharpeyes.ingest.audit;

/** The audit contract on an in-memory H2 database. */
class H2AuditTrailTest extends AuditTrailContract {
  @Override
  TestStore freshStore() {
    return TestStore.h2();
  }
}
