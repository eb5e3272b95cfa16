package org.sharpeyes.sims.cli;

import java.io.UncheckedIOException;
import org.sharpeyes.sims.load.LoadRunException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code device-sims}: simulated devices and load tools for Sharp Eyes edge integration. */
@Command(
    name = "device-sims",
    mixinStandardHelpOptions = true,
    version = "device-sims 0.1.0-SNAPSHOT",
    description = "Simulated Sharp Eyes devices and load tools. Talks to 127.0.0.1/localhost only.",
    subcommands = {
      PlateCommand.class,
      LoadCommand.class,
      DrainLoadCommand.class,
      DrainSubCommand.class,
      CameraCommand.class,
      PortraitsCommand.class,
      GateCommand.class,
      ViidCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DeviceSimsMain {

  /** Exit code for bad options or input files. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code when a run could not start or finish (e.g. the alert stream refused). */
  public static final int EXIT_RUN_FAILED = 3;

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new DeviceSimsMain())
        .setExecutionExceptionHandler(
            (e, cmd, parseResult) -> {
              if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("device-sims: " + e.getMessage());
                return EXIT_BAD_INPUT;
              }
              if (e instanceof LoadRunException || e instanceof UncheckedIOException) {
                cmd.getErr().println("device-sims: " + e.getMessage());
                return EXIT_RUN_FAILED;
              }
              throw e;
            });
  }
}
