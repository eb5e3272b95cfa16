package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Values given on the command line that win over the file. Each is {@code null} when not given.
 *
 * @param httpPort replaces {@code http.port}
 * @param jdbcUrl replaces {@code store.jdbcUrl}
 * @param brokerUrl replaces {@code broker.url} and turns the embedded broker off
 * @param dataDir replaces {@code dataDir} (and so the derived broker and H2 locations)
 */
public record ConfigOverrides(Integer httpPort, String jdbcUrl, URI brokerUrl, Path dataDir) {

  public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null);
}
