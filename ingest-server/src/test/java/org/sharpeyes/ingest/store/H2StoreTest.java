package org.sharpeyes.ingest.store;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;

/** The store contract on an in-memory H2 database, migrated by Flyway. */
class H2StoreTest extends StoreContract {

  private Database database;

  @BeforeEach
  void openFreshDatabase() {
    String url = "jdbc:h2:mem:store-" + UUID.randomUUID() + "";
    database = Database.open(new StoreConfig(url, Credentials.NONE, 2), null);
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  @Override
  Database database() {
    return database;
  }
}
