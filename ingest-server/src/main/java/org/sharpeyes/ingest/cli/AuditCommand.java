package org.sharpeyes.ingest.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.sharpeyes.ingest.audit.AuditVerifier;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ingest-server audit verify --config FILE}: the audit record's tools. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Tools for the audit record (docs/security.md).",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Walks the hash chain of the configured store's audit record. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Walk the audit record's hash chain: print OK with the row count and the head hash, or"
              + " name the first broken row (exit code 3).")
  static final class Verify implements Callable<Integer> {

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      IngestServerConfig config = options.load(err);
      if (config == null) {
        return IngestServerMain.ExitCodes.BAD_CONFIG;
      }
      AuditVerifier.Result result;
      try (Database database = Database.open(config.store(), null)) {
        result = new AuditVerifier(database.dataSource()).verify();
      } catch (StoreUnavailableException | SQLException e) {
        err.println("cannot read the audit record: " + e.getMessage());
        err.flush();
        return IngestServerMain.ExitCodes.START_FAILED;
      }
      if (!result.intact()) {
        err.println("BROKEN: " + result.broken().describe());
        err.flush();
        return IngestServerMain.ExitCodes.AUDIT_BROKEN;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "OK: "
              + result.rows()
              + " rows"
              + (result.rows() == 0 ? "" : ", seq " + result.firstSeq() + ".." + result.headSeq())
              + ", head hash "
              + result.headHash());
      if (result.checkpointSeq() != 0) {
        out.println(
            "  rows before "
                + result.firstSeq()
                + " were pruned; checkpoint row "
                + result.checkpointSeq()
                + " records the hash the first row kept links to");
      }
      out.flush();
      return IngestServerMain.ExitCodes.OK;
    }
  }
}
