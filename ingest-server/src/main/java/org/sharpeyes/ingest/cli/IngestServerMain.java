package org.sharpeyes.ingest.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command line entry point: {@code ingest-server run|validate|audit verify|edges|users --config
 * FILE}.
 */
@Command(
    name = "ingest-server",
    mixinStandardHelpOptions = true,
    versionProvider = IngestServerMain.Version.class,
    description =
        "Receives events from Sharp Eyes edge agents over MQTT, stores and correlates them, and"
            + " serves alerts, the live feed, health and metrics over HTTP.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      AuditCommand.class,
      EdgesCommand.class,
      UsersCommand.class,
      CommandLine.HelpCommand.class
    })
public final class IngestServerMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Paho and a few others log through java.util.logging.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new IngestServerMain()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Exit codes shared by the subcommands. */
  static final class ExitCodes {
    static final int OK = 0;
    static final int START_FAILED = 1;
    static final int BAD_CONFIG = 2;

    /** A subcommand's arguments name something that is not there (e.g. an unknown edge). */
    static final int BAD_ARGUMENTS = 4;

    /** {@code audit verify} found a broken row. */
    static final int AUDIT_BROKEN = 3;

    private ExitCodes() {}
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = IngestServerMain.class.getPackage().getImplementationVersion();
      return new String[] {"ingest-server " + (v == null ? "(development build)" : v)};
    }
  }
}
