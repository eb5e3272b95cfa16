package org.sharpeyes.edge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.config.ConfigOverrides;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import picocli.CommandLine.Option;

/** The options every command shares: the config file and the values that may replace its own. */
final class ConfigOptions {

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The edge-agent.yaml to use.")
  Path config;

  @Option(
      names = "--broker-url",
      paramLabel = "URL",
      description = "Replaces broker.url, e.g. tcp://127.0.0.1:1883.")
  String brokerUrl;

  @Option(
      names = "--status-port",
      paramLabel = "PORT",
      description = "Replaces status.port (0 picks a free port).")
  Integer statusPort;

  @Option(
      names = "--device-port",
      paramLabel = "ID=PORT",
      description = "Replaces the listen port of one device (0 picks a free port). Repeatable.")
  Map<String, Integer> devicePorts;

  @Option(
      names = "--outbox-path",
      paramLabel = "FILE",
      description = "Replaces outbox.path (relative to the working directory).")
  String outboxPath;

  ConfigResult<EdgeAgentConfig> load() {
    return EdgeAgentConfigLoader.load(
        config, new ConfigOverrides(brokerUrl, statusPort, devicePorts, outboxPath));
  }

  /** Every problem, as every {@code validate} of ours prints them. */
  void printProblems(PrintWriter err, ConfigResult.Failure<EdgeAgentConfig> failure) {
    err.println(failure.report(config.toString()));
    err.flush();
  }
}
