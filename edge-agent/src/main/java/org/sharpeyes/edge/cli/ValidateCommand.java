package org.sharpeyes.edge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.gate.GateAdapterConfig;
import org.sharpeyes.edge.config.ConfigResult;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.edge.publish.BrokerCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edge-agent validate --config FILE}: checks a config file without starting anything. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a config file and prints every problem with its path and what to write instead.",
      "Exit code 0 when valid, 2 when not."
    })
final class ValidateCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigResult result = options.load();
    if (result instanceof ConfigResult.Failure failure) {
      options.printProblems(err, failure);
      return ExitCodes.INVALID_CONFIG;
    }
    EdgeAgentConfig config = ((ConfigResult.Success) result).config();
    try {
      BrokerCredentials.resolve(config.broker(), System.getenv());
    } catch (IllegalStateException e) {
      err.println("warning: " + e.getMessage());
      err.flush();
    }
    warnMissingGateCredentials(config, err);
    out.println(
        "OK: "
            + config.devices().size()
            + " devices (edge "
            + config.edgeId()
            + ", broker "
            + config.broker().serverUri()
            + ", outbox "
            + config.outbox().path().toAbsolutePath().normalize()
            + ")");
    out.flush();
    return ExitCodes.OK;
  }

  /** A gate whose credential variables are not set here would not start (as for the broker). */
  private static void warnMissingGateCredentials(EdgeAgentConfig config, PrintWriter err) {
    for (DeviceConfig device : config.devices()) {
      if (device.settings() instanceof GateAdapterConfig gate && gate.usernameEnv() != null) {
        for (String name : new String[] {gate.usernameEnv(), gate.passwordEnv()}) {
          if (System.getenv(name) == null) {
            err.println(
                "warning: device "
                    + device.label()
                    + ": environment variable "
                    + name
                    + " is not set — the gate adapter will not start without it");
          }
        }
      }
    }
    err.flush();
  }
}
