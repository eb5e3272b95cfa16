package org.sharpeyes.ingest.device;

import org.sharpeyes.ingest.alert.TestDatabase;

class PostgresDeviceOfflineTest extends DeviceOfflineContract {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
