package org.sharpeyes.ingest.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.audit.AuditMetrics;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.audit.JdbcAuditTrail;
import org.sharpeyes.ingest.auth.PasswordHasher;
import org.sharpeyes.ingest.auth.Revocations;
import org.sharpeyes.ingest.auth.SessionStore;
import org.sharpeyes.ingest.auth.UserAccount;
import org.sharpeyes.ingest.auth.UserAdmin;
import org.sharpeyes.ingest.auth.UserStore;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.ReferenceLoad;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest-server users add|list|disable|enable|passwd --config FILE}: manages the local
 * accounts in the configured store, as an admin without jurisdiction limits (whoever may read the
 * config and reach the store). A password is read from the first line of standard input, or from
 * the environment variable {@code --password-env} names — never from an argument, which would be in
 * the shell history and the process list. A running server sees the change within {@code
 * auth.revocationRefresh}.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage local user accounts (docs/security.md, Accounts and passwords).")
final class UsersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private final InputStream stdin;
  private final Map<String, String> env;
  private final Function<DataSource, AuditTrail> audit;

  UsersCommand() {
    this(
        System.in,
        System.getenv(),
        ds -> new JdbcAuditTrail(ds, new AuditMetrics(new SimpleMeterRegistry())));
  }

  /** For tests: where passwords and variables are read, and where changes are recorded. */
  UsersCommand(InputStream stdin, Map<String, String> env, Function<DataSource, AuditTrail> audit) {
    this.stdin = stdin;
    this.env = env;
    this.audit = audit;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return IngestServerMain.ExitCodes.OK;
  }

  @Command(name = "add", description = "Add a user; the password from stdin or --password-env.")
  int add(
      @Mixin ConfigOptions options,
      @Parameters(paramLabel = "NAME", description = "e.g. wang.jun") String name,
      @Option(
              names = "--role",
              required = true,
              description = "admin, supervisor, operator, grid-worker, integrator or auditor")
          String role,
      @Option(names = "--jurisdiction", required = true, paramLabel = "REGION") String jurisdiction,
      @Option(names = "--clearance", defaultValue = "masked", description = "masked or full")
          String clearance,
      @Option(names = "--password-env", paramLabel = "VAR") String passwordEnv) {
    return run(
        options,
        admin -> {
          Role r = Role.fromLabel(role).orElse(null);
          if (r == null) {
            return refuse("--role must be one of " + Role.labels());
          }
          Clearance c = Clearance.fromLabel(clearance).orElse(null);
          if (c == null) {
            return refuse("--clearance must be one of " + Clearance.labels());
          }
          String password = password(passwordEnv);
          if (password == null) {
            return IngestServerMain.ExitCodes.BAD_ARGUMENTS;
          }
          return report(
              admin.add(
                  UserAdmin.Actor.cli(), new UserAdmin.NewUser(name, password, r, jurisdiction, c)),
              "added " + name);
        });
  }

  @Command(name = "list", description = "List the users.")
  int list(@Mixin ConfigOptions options) {
    return run(
        options,
        admin -> {
          PrintWriter out = spec.commandLine().getOut();
          out.printf("%-24s %-12s %-14s %-8s %s%n", "NAME", "ROLE", "JURISDICTION", "PII", "STATE");
          for (UserAccount u : admin.list(UserAdmin.Actor.cli())) {
            out.printf(
                "%-24s %-12s %-14s %-8s %s%n",
                u.name(),
                u.role().label(),
                u.jurisdiction(),
                u.clearance().label(),
                u.disabled() ? "disabled" : "enabled");
          }
          out.flush();
          return IngestServerMain.ExitCodes.OK;
        });
  }

  @Command(name = "disable", description = "Disable a user; its tokens stop working.")
  int disable(@Mixin ConfigOptions options, @Parameters(paramLabel = "NAME") String name) {
    return run(
        options,
        admin -> report(admin.setDisabled(UserAdmin.Actor.cli(), name, true), "disabled " + name));
  }

  @Command(name = "enable", description = "Enable a disabled user.")
  int enable(@Mixin ConfigOptions options, @Parameters(paramLabel = "NAME") String name) {
    return run(
        options,
        admin -> report(admin.setDisabled(UserAdmin.Actor.cli(), name, false), "enabled " + name));
  }

  @Command(name = "passwd", description = "Set a user's password (stdin or --password-env).")
  int passwd(
      @Mixin ConfigOptions options,
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--password-env", paramLabel = "VAR") String passwordEnv) {
    return run(
        options,
        admin -> {
          String password = password(passwordEnv);
          if (password == null) {
            return IngestServerMain.ExitCodes.BAD_ARGUMENTS;
          }
          return report(
              admin.setPassword(UserAdmin.Actor.cli(), name, password),
              "password of " + name + " set; its tokens are revoked");
        });
  }

  private interface Work {
    int run(UserAdmin admin) throws SQLException;
  }

  private int run(ConfigOptions options, Work work) {
    PrintWriter err = spec.commandLine().getErr();
    IngestServerConfig config = options.load(err);
    if (config == null) {
      return IngestServerMain.ExitCodes.BAD_CONFIG;
    }
    ReferenceLoad load = ReferenceData.load(config.referenceData());
    ReferenceData reference;
    try {
      reference = load.orElseThrow();
    } catch (RuntimeException e) {
      err.println("reference data " + config.referenceData() + ": " + e.getMessage());
      err.flush();
      return IngestServerMain.ExitCodes.BAD_CONFIG;
    }
    try (Database db = Database.open(config.store(), null)) {
      UserStore users = new UserStore(db.dataSource());
      SessionStore sessions = new SessionStore(db.dataSource());
      Clock clock = Clock.systemUTC();
      UserAdmin admin =
          new UserAdmin(
              users,
              sessions,
              PasswordHasher.owasp(config.auth().minPasswordLength()),
              reference.regions(),
              new Revocations(users, sessions, clock),
              audit.apply(db.dataSource()),
              clock);
      return work.run(admin);
    } catch (SQLException | StoreUnavailableException e) {
      err.println("the store failed: " + e.getMessage());
      err.flush();
      return IngestServerMain.ExitCodes.START_FAILED;
    }
  }

  private int report(UserAdmin.Result r, String done) {
    if (r instanceof UserAdmin.Done) {
      spec.commandLine().getOut().println(done);
      spec.commandLine().getOut().flush();
      return IngestServerMain.ExitCodes.OK;
    }
    if (r instanceof UserAdmin.Invalid i) {
      return refuse(
          String.join(
              "; ",
              i.errors().stream()
                  .map(e -> e.path().replace("body.", "") + ": " + e.message())
                  .toList()));
    }
    if (r instanceof UserAdmin.NotFound n) {
      return refuse("no user " + n.name());
    }
    if (r instanceof UserAdmin.Exists e) {
      return refuse("a user named " + e.name() + " exists already");
    }
    return refuse(((UserAdmin.Forbidden) r).reason());
  }

  private int refuse(String why) {
    spec.commandLine().getErr().println("refused: " + why);
    spec.commandLine().getErr().flush();
    return IngestServerMain.ExitCodes.BAD_ARGUMENTS;
  }

  /** The password from the named variable or stdin's first line; null after saying why not. */
  private String password(String variable) {
    if (variable != null) {
      String value = env.get(variable);
      if (value == null || value.isEmpty()) {
        refuse("environment variable " + variable + " is not set");
        return null;
      }
      return value;
    }
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        refuse(
            "give the password on standard input (one line) or name a variable with --password-env");
        return null;
      }
      return line;
    } catch (java.io.IOException e) {
      refuse("cannot read the password from standard input: " + e.getMessage());
      return null;
    }
  }
}
