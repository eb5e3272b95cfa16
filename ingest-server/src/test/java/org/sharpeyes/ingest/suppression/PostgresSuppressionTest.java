package org.sharpeyes.ingest.suppression;

import org.sharpeyes.ingest.alert.TestDatabase;

/** The same behaviour on PostgreSQL (skipped when it is not reachable at 127.0.0.1:5432). */
class PostgresSuppressionTest extends SuppressionTest {

  @Override
  TestDatabase open() {
    return TestDatabase.postgres();
  }
}
