package org.sharpeyes.ingest.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sharpeyes.ingest.audit.AuditMetrics;
import org.sharpeyes.ingest.audit.JdbcAuditTrail;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.edgeaccount.EdgeAccount;
import org.sharpeyes.ingest.edgeaccount.EdgeAccounts;
import org.sharpeyes.ingest.edgeaccount.MosquittoFilesSync;
import org.sharpeyes.ingest.edgeaccount.NewEdgeAccount;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ingest-server edges add|passwd|list|disable|mosquitto-files}: the edges' broker accounts,
 * in the store the config file names. A password is printed once, when it is made. With {@code
 * broker.mosquittoFiles} in the config, every change rewrites Mosquitto's files ({@link
 * MosquittoFilesSync}) and says so.
 */
@Command(
    name = "edges",
    mixinStandardHelpOptions = true,
    description = "Manage the edges' MQTT accounts (docs/security.md).",
    subcommands = {
      EdgesCommand.Add.class,
      EdgesCommand.Passwd.class,
      EdgesCommand.ListAccounts.class,
      EdgesCommand.Disable.class,
      EdgesCommand.WriteMosquittoFiles.class
    })
final class EdgesCommand implements Runnable {

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  EdgesCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the config's secrets are read from. */
  EdgesCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Opens the store of the config file, runs {@code work}, closes it; problems as exit codes. With
   * {@code broker.mosquittoFiles}, a change rewrites Mosquitto's files, reported after the work's
   * own output.
   */
  abstract static class OnStore implements Callable<Integer> {
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;
    @ParentCommand EdgesCommand parent;

    abstract int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out)
        throws IOException;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      IngestServerConfig config = options.load(err, parent.env);
      if (config == null) {
        return IngestServerMain.ExitCodes.BAD_CONFIG;
      }
      try (Database db = Database.open(config.store(), null)) {
        SecureRandom random = new SecureRandom();
        EdgeAccounts accounts =
            new EdgeAccounts(
                db.dataSource(),
                Clock.systemUTC(),
                random,
                new JdbcAuditTrail(db.dataSource(), new AuditMetrics(new SimpleMeterRegistry())));
        MosquittoNotes notes = new MosquittoNotes(options.config);
        if (config.mosquittoFiles() != null) {
          MosquittoFilesSync.attach(
              accounts,
              config.mosquittoFiles().passwordFile(),
              config.mosquittoFiles().aclFile(),
              config.brokerCredentials(),
              random,
              notes);
        }
        PrintWriter out = spec.commandLine().getOut();
        int code = notes.print(run(accounts, config, out), out, err);
        out.flush();
        err.flush();
        return code;
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        err.flush();
        return IngestServerMain.ExitCodes.BAD_ARGUMENTS;
      } catch (StoreUnavailableException | IOException e) {
        err.println(e.getMessage());
        err.flush();
        return IngestServerMain.ExitCodes.START_FAILED;
      }
    }

    static String actor() {
      return System.getProperty("user.name", "-");
    }
  }

  @Command(name = "add", description = "Make an edge's account; prints its password once.")
  static final class Add extends OnStore {
    @Parameters(paramLabel = "EDGE_ID", description = "the edge id, also its MQTT user name")
    String edgeId;

    @Override
    int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out) {
      printOnce(accounts.add(edgeId, actor(), "cli"), out);
      return IngestServerMain.ExitCodes.OK;
    }
  }

  @Command(
      name = "passwd",
      description = "Give an edge a new password (and enable it); prints it once.")
  static final class Passwd extends OnStore {
    @Parameters(paramLabel = "EDGE_ID")
    String edgeId;

    @Override
    int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out) {
      printOnce(accounts.resetPassword(edgeId, actor(), "cli"), out);
      return IngestServerMain.ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "List the edges' accounts (never their passwords).")
  static final class ListAccounts extends OnStore {
    @Override
    int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out) {
      List<EdgeAccount> all = accounts.list();
      out.printf("%-40s %-9s %s%n", "EDGE", "STATE", "CREATED");
      for (EdgeAccount a : all) {
        out.printf(
            "%-40s %-9s %s%n", a.edgeId(), a.disabled() ? "disabled" : "enabled", a.createdAt());
      }
      return IngestServerMain.ExitCodes.OK;
    }
  }

  @Command(name = "disable", description = "Refuse an edge at its next connection.")
  static final class Disable extends OnStore {
    @Parameters(paramLabel = "EDGE_ID")
    String edgeId;

    @Override
    int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out) {
      if (!accounts.disable(edgeId, actor(), "cli")) {
        throw new IllegalArgumentException("edge " + edgeId + " has no account");
      }
      out.println("edge " + edgeId + " disabled: refused at its next connection");
      return IngestServerMain.ExitCodes.OK;
    }
  }

  @Command(
      name = "mosquitto-files",
      description =
          "Write Mosquitto's password_file (enabled edges and the server's account from"
              + " broker.usernameEnv/passwordEnv) and acl_file now: those of broker.mosquittoFiles,"
              + " or the two named here; then tell Mosquitto (kill -HUP, systemctl reload).")
  static final class WriteMosquittoFiles extends OnStore {
    @Option(names = "--password-file", paramLabel = "FILE", description = "with --acl-file")
    Path passwordFile;

    @Option(names = "--acl-file", paramLabel = "FILE", description = "with --password-file")
    Path aclFile;

    @Override
    int run(EdgeAccounts accounts, IngestServerConfig config, PrintWriter out) throws IOException {
      Path passwords = passwordFile;
      Path acl = aclFile;
      if (passwords == null && acl == null && config.mosquittoFiles() != null) {
        passwords = config.mosquittoFiles().passwordFile();
        acl = config.mosquittoFiles().aclFile();
      }
      if (passwords == null || acl == null) {
        throw new IllegalArgumentException(
            "name both files with --password-file and --acl-file, or set broker.mosquittoFiles"
                + " in the config (docs/config.md)");
      }
      MosquittoFilesSync sync =
          new MosquittoFilesSync(
              accounts,
              passwords,
              acl,
              config.brokerCredentials(),
              new SecureRandom(),
              MosquittoFilesSync.logging());
      out.println(sync.rewrite().describe());
      return IngestServerMain.ExitCodes.OK;
    }
  }

  /** What the Mosquitto files' rewrites after a change did, told after the command's output. */
  static final class MosquittoNotes implements MosquittoFilesSync.Report {
    private final Path config;
    private final List<String> written = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    MosquittoNotes(Path config) {
      this.config = config;
    }

    @Override
    public void written(MosquittoFilesSync.Written w) {
      written.add(w.describe());
    }

    @Override
    public void failed(String edgeId, Exception cause) {
      failed.add(
          "the account of "
              + edgeId
              + " is changed, but the Mosquitto files were NOT rewritten: "
              + cause.getMessage()
              + " — Mosquitto still has the former accounts; fix this and run 'ingest-server"
              + " edges mosquitto-files --config "
              + config
              + "'");
    }

    /** Prints the notes; a failed rewrite turns a success into {@code START_FAILED}. */
    int print(int code, PrintWriter out, PrintWriter err) {
      written.forEach(out::println);
      failed.forEach(err::println);
      return failed.isEmpty() || code != IngestServerMain.ExitCodes.OK
          ? code
          : IngestServerMain.ExitCodes.START_FAILED;
    }
  }

  static void printOnce(NewEdgeAccount account, PrintWriter out) {
    out.println("edge:     " + account.edgeId());
    out.println("password: " + account.password());
    out.println("This password is shown once and not kept. On the edge, put the user name and");
    out.println(
        "password in the variables its broker.usernameEnv and broker.passwordEnv name, e.g.");
    out.println("  export SHARPEYES_MQTT_USERNAME=" + account.edgeId());
    out.println("  export SHARPEYES_MQTT_PASSWORD='" + account.password() + "'");
  }
}
