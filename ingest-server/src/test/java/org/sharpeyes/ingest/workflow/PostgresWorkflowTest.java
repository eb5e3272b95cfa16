package org.sharpeyes.ingest.workflow;

import org.sharpeyes.ingest.alert.TestDatabase;

/** The same on the PostgreSQL at 127.0.0.1:5432; skipped where there is none. */
class PostgresWorkflowTest extends WorkflowContract {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
