package org.sharpeyes.ingest.workflow;

import org.sharpeyes.ingest.alert.TestDatabase;

class H2WorkflowTest extends WorkflowContract {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
