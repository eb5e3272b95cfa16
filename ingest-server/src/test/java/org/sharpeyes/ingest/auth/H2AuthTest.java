package org.sharpeyes.ingest.auth;

import org.sharpeyes.ingest.alert.TestDatabase;

class H2AuthTest extends AuthContract {
  @Override
  TestDatabase open() {
    return TestDatabase.h2();
  }
}
