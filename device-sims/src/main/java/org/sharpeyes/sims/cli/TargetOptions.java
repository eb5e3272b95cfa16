package org.sharpeyes.sims.cli;

import java.net.URI;
import java.time.Duration;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import picocli.CommandLine.Option;

/** Where reads go and as which device: shared by the plate and load commands. */
final class TargetOptions {

  @Option(
      names = "--target",
      required = true,
      paramLabel = "URL",
      description = "The edge-agent's plate endpoint, e.g. http://127.0.0.1:8081/plates.")
  URI target;

  @Option(
      names = "--device-id",
      required = true,
      paramLabel = "ID",
      description =
          "The reader's 20-digit GB/T 28181 id (type 114 for a plate reader),"
              + " e.g. 43070200001140000001. Sent as header X-Device-Id.")
  String deviceId;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "" + PlateSimulatorOptions.DEFAULT_MAX_IN_FLIGHT,
      description = "Requests awaiting an answer at most (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Per-request answer timeout (default: ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  @Option(names = "--allow-remote", description = "Allow targets other than 127.0.0.1/localhost.")
  boolean allowRemote;
}
