package org.sharpeyes.ingest.config;

/**
 * The database holding events, dead letters and alerts.
 *
 * @param jdbcUrl {@code jdbc:h2:...} (embedded, the default) or {@code jdbc:postgresql://...}
 * @param credentials user and password, or {@link Credentials#NONE}
 * @param poolSize maximum connections in the pool
 */
public record StoreConfig(String jdbcUrl, Credentials credentials, int poolSize) {

  public static final int DEFAULT_POOL_SIZE = 8;

  public StoreConfig {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:, was " + jdbcUrl);
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
    }
  }

  /** The default embedded H2 database file {@code sharpeyes} under {@code dataDir}. */
  public static String h2FileUrl(java.nio.file.Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.resolve("sharpeyes").toAbsolutePath().normalize()
        + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
  }

  public StoreConfig withJdbcUrl(String url) {
    return new StoreConfig(url, credentials, poolSize);
  }

  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }
}
