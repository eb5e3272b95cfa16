package org.sharpeyes.ingest.cli;

import java.util.concurrent.Callable;
import org.sharpeyes.ingest.config.IngestServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ingest-server validate --config FILE}: checks the file and prints every error. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check a config file; print every problem with its path and fix. Exit code 2 if invalid.")
final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    IngestServerConfig config = options.load(spec.commandLine().getErr());
    if (config == null) {
      return IngestServerMain.ExitCodes.BAD_CONFIG;
    }
    var out = spec.commandLine().getOut();
    out.println(options.config + ": OK");
    out.println(
        "  http       "
            + config.http().scheme()
            + "://"
            + config.http().host()
            + ":"
            + config.http().port()
            + (config.http().tls() == null ? "" : " with " + config.http().tls().certFile()));
    out.println(
        "  broker     "
            + (config.embeddedBroker().enabled()
                ? "embedded on "
                    + config.broker().serverUri()
                    + (config.embeddedBroker().tls() == null
                        ? ""
                        : " and TLS on "
                            + config.embeddedBroker().tlsHost()
                            + ":"
                            + config.embeddedBroker().tls().port()
                            + " with "
                            + config.embeddedBroker().tls().certFile())
                    + ", data in "
                    + config.embeddedBroker().dataDir()
                : config.broker().serverUri())
            + " as "
            + config.broker().clientId());
    out.println(
        "  store      " + org.sharpeyes.ingest.store.Database.redacted(config.store().jdbcUrl()));
    out.println("  reference  " + config.referenceData());
    out.flush();
    return IngestServerMain.ExitCodes.OK;
  }
}
