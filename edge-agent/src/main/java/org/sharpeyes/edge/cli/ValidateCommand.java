package org.sharpeyes.edge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.mqtt.BrokerCredentials;
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
    ConfigResult<EdgeAgentConfig> result = options.load();
    if (result instanceof ConfigResult.Failure<EdgeAgentConfig> failure) {
      options.printProblems(err, failure);
      return ExitCodes.INVALID_CONFIG;
    }
    EdgeAgentConfig config = result.orThrow();
    // The agent reads its secrets at start; here, where they may not be set, they are a warning.
    for (ConfigProblem unset :
        BrokerCredentials.unset(config.broker(), System.getenv(), "broker")) {
      err.println("warning: " + unset);
    }
    err.flush();
    warnUnsetDeviceVariables(config, err);
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

  /** A device whose credential variables are not set here would not start (as for the broker). */
  private static void warnUnsetDeviceVariables(EdgeAgentConfig config, PrintWriter err) {
    for (DeviceConfig device : config.devices()) {
      for (String name : device.settings().requiredEnvironment()) {
        if (System.getenv(name) == null) {
          err.println(
              "warning: device "
                  + device.label()
                  + ": environment variable "
                  + name
                  + " is not set — the "
                  + device.kind().label()
                  + " adapter will not start without it");
        }
      }
    }
    err.flush();
  }
}
