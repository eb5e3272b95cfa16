package org.sharpeyes.sims.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.sharpeyes.sims.plate.BasicCredentials;
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
          "The reader's 20-digit GB/T 28181 id (type 132, an IP camera, for a checkpoint reader),"
              + " e.g. 43070200001320000101. Sent as header X-Device-Id.")
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

  @Option(
      names = "--basic-user",
      paramLabel = "USER",
      description =
          "Send HTTP Basic credentials with every read, as this user (for an edge whose"
              + " plateHttp.auth asks for them); the password is read from --basic-password-env.")
  String basicUser;

  @Option(
      names = "--basic-password-env",
      paramLabel = "VAR",
      defaultValue = "SHARPEYES_PLATE_PASSWORD",
      description =
          "Environment variable holding the --basic-user password (default: ${DEFAULT-VALUE});"
              + " never on the command line, where ps shows it.")
  String basicPasswordEnv;

  /**
   * The credentials to send; {@code null} without {@code --basic-user}.
   *
   * @throws IllegalArgumentException when the password variable is not set
   */
  BasicCredentials credentials(Map<String, String> environment) {
    if (basicUser == null) {
      return null;
    }
    String password = environment.get(basicPasswordEnv);
    if (password == null) {
      throw new IllegalArgumentException(
          "--basic-user "
              + basicUser
              + " needs its password in the environment variable "
              + basicPasswordEnv
              + ", which is not set");
    }
    return new BasicCredentials(basicUser, password);
  }
}
