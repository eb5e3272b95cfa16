package org.sharpeyes.ingest.auth;

import org.sharpeyes.ingest.alert.TestDatabase;

/** Skipped when PostgreSQL is not reachable at 127.0.0.1:5432. */
class PostgresAuthTest extends AuthContract {
  @Override
  TestDatabase open() {
    return TestDatabase.postgres();
  }
}
