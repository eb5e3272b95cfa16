package org.sharpeyes.edge.cli;

import java.io.PrintWriter;
import org.sharpeyes.edge.AgentVersion;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code edge-agent} command: {@code run}, {@code validate} and {@code probe}. */
@Command(
    name = "edge-agent",
    mixinStandardHelpOptions = true,
    versionProvider = EdgeAgentMain.Version.class,
    description = "Sharp Eyes edge agent: speaks to devices, publishes their events over MQTT.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      ProbeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class EdgeAgentMain implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "choose a command: run, validate or probe (see --help)");
  }

  public static void main(String[] args) {
    // Paho logs through java.util.logging; send it to SLF4J like everything else.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command line with the given output streams; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new EdgeAgentMain()).setOut(out).setErr(err).execute(args);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"edge-agent " + AgentVersion.current()};
    }
  }
}
