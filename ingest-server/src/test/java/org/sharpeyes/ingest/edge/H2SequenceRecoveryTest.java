package org.sharpeyes.ingest.edge;

import org.sharpeyes.ingest.alert.TestDatabase;

/** Sequence recovery on an in-memory H2 database. */
class H2SequenceRecoveryTest extends SequenceRecoveryContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
