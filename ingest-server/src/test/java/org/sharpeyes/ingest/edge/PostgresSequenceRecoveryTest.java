package org.sharpeyes.ingest.edge;

import org.sharpeyes.ingest.alert.TestDatabase;

/**
 * Sequence recovery on a throwaway database of the PostgreSQL at 127.0.0.1:5432; skipped when it is
 * not reachable.
 */
class PostgresSequenceRecoveryTest extends SequenceRecoveryContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
