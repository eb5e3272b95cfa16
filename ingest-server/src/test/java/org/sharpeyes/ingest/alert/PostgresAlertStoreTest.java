package org.sharpeyes.ingest.alert;

/** Skipped when PostgreSQL is not reachable at 127.0.0.1:5432. */
class PostgresAlertStoreTest extends AlertStoreContract {
  @Override
  TestDatabase open() {
    return TestDatabase.postgres();
  }
}
