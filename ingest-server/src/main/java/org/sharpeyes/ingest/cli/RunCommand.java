package org.sharpeyes.ingest.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.IngestStartException;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.runtime.NamedThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ingest-server run --config FILE}: runs until SIGTERM or Ctrl-C, then stops cleanly. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Start the server; stop it with SIGTERM or Ctrl-C.")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    IngestServerConfig config = options.load(spec.commandLine().getErr());
    if (config == null) {
      return IngestServerMain.ExitCodes.BAD_CONFIG;
    }
    IngestServer server;
    try {
      server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    } catch (IngestStartException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return IngestServerMain.ExitCodes.START_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            NamedThreads.nonDaemon("sharpeyes-shutdown")
                .newThread(
                    () -> {
                      server.close();
                      stopped.countDown();
                    }));
    stopped.await();
    return IngestServerMain.ExitCodes.OK;
  }
}
