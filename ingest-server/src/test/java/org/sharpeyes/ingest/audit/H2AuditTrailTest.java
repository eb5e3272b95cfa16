package org.sharpeyes.ingest.audit;

import java.util.UUID;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.store.Database;

/** The audit contract on an in-memory H2 database, migrated by Flyway. */
class H2AuditTrailTest extends AuditTrailContract {

  private String url;

  @Override
  StoreConfig freshDatabase() {
    url = "jdbc:h2:mem:audit-" + UUID.randomUUID();
    return new StoreConfig(url, Credentials.NONE, 4);
  }

  @Override
  StoreConfig configOf(Database first) {
    return new StoreConfig(url, Credentials.NONE, 4);
  }
}
