package org.sharpeyes.ingest.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.ingest.config.ConfigOverrides;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.IngestServerConfigLoader;
import picocli.CommandLine.Option;

/** The config file and the command-line overrides, shared by {@code run} and {@code validate}. */
final class ConfigOptions {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "ingest-server.yaml (keys: docs/config.md)")
  Path config;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "replaces http.port (0: any free port)")
  Integer httpPort;

  @Option(names = "--jdbc-url", paramLabel = "URL", description = "replaces store.jdbcUrl")
  String jdbcUrl;

  @Option(
      names = "--broker-url",
      paramLabel = "URL",
      description = "use this external broker (tcp://host:port) instead of the embedded one")
  URI brokerUrl;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "replaces dataDir (embedded broker and H2 files)")
  Path dataDir;

  /** The loaded config, or {@code null} after printing every problem to {@code err}. */
  IngestServerConfig load(PrintWriter err) {
    return load(err, System.getenv());
  }

  /** As {@link #load(PrintWriter)}, with secrets read from {@code env}. */
  IngestServerConfig load(PrintWriter err, Map<String, String> env) {
    ConfigOverrides overrides = new ConfigOverrides(httpPort, jdbcUrl, brokerUrl, dataDir);
    ConfigResult<IngestServerConfig> result =
        new IngestServerConfigLoader(env).load(config, overrides);
    if (result instanceof ConfigResult.Failure<IngestServerConfig> failure) {
      err.println(failure.report(config.toString()));
      err.flush();
      return null;
    }
    return result.orThrow();
  }
}
