package org.sharpeyes.ingest.device;

import org.sharpeyes.ingest.alert.TestDatabase;

class H2DeviceOfflineTest extends DeviceOfflineContract {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
