package org.sharpeyes.ingest.edge;

import org.sharpeyes.ingest.alert.TestDatabase;

/**
 * The seq ledgers' rows on a throwaway database of the PostgreSQL at 127.0.0.1:5432; skipped when
 * it is not reachable.
 */
class PostgresLedgerTableTest extends LedgerTableContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
