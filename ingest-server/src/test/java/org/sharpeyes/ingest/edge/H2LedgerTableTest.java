package org.sharpeyes.ingest.edge;

import org.sharpeyes.ingest.alert.TestDatabase;

/** The seq ledgers' rows on an in-memory H2 database. */
class H2LedgerTableTest extends LedgerTableContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
