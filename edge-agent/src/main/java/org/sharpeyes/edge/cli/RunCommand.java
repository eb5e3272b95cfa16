package org.sharpeyes.edge.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.edge.EdgeAgent;
import org.sharpeyes.edge.EdgeAgentStartException;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.runtime.NamedThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code edge-agent run --config FILE}: starts the agent and runs until SIGTERM or Ctrl-C, then
 * stops it cleanly (adapters first, then the publisher, which publishes {@code offline}).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the agent with a config file and runs until SIGTERM or Ctrl-C.",
      "Exit code 2 when the config is invalid, 1 when the agent cannot start."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConfigResult<EdgeAgentConfig> result = options.load();
    if (result instanceof ConfigResult.Failure<EdgeAgentConfig> failure) {
      options.printProblems(err, failure);
      return ExitCodes.INVALID_CONFIG;
    }
    EdgeAgentConfig config = result.orThrow();
    EdgeAgent agent;
    try {
      agent = EdgeAgent.start(config, Clock.systemUTC());
    } catch (EdgeAgentStartException e) {
      err.println("edge-agent cannot start:\n  " + e.getMessage().replace("\n", "\n  "));
      err.flush();
      return ExitCodes.FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            NamedThreads.nonDaemon("edge-shutdown")
                .newThread(
                    () -> {
                      agent.close();
                      stopped.countDown();
                    }));
    out.println(
        "edge-agent "
            + config.edgeId()
            + " running; status on http://"
            + config.status().host()
            + ":"
            + agent.statusPort()
            + "/status");
    for (DeviceConfig d : config.devices()) {
      // Devices that push to us listen on a port; the ones we reach (cameras, gates) show where.
      String where =
          d.settings().listenPort().isPresent()
              ? "on port " + agent.devicePort(d.id())
              : "from "
                  + agent.status().devices().stream()
                      .filter(s -> s.deviceId().equals(d.id()))
                      .map(s -> String.valueOf(s.endpoint()))
                      .findFirst()
                      .orElse("?");
      out.println("  device " + d.label() + " (" + d.kind() + ") " + where);
    }
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
