package org.sharpeyes.ingest.governance;

import org.sharpeyes.ingest.alert.TestDatabase;

/** The same month on PostgreSQL (skipped when 127.0.0.1:5432 is not reachable). */
class PostgresGovernanceIndexTest extends GovernanceIndexTest {

  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
