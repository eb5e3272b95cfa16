package org.sharpeyes.ingest.alert;

class H2AlertStoreTest extends AlertStoreContract {
  @Override
  TestDatabase open() {
    return TestDatabase.h2();
  }
}
