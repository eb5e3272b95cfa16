package org.sharpeyes.sims.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.sims.plate.EdgeAnswer;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateReadListener;
import org.sharpeyes.sims.plate.PlateSimulator;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.plate.SentRead;
import org.sharpeyes.sims.plate.SimulationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code device-sims plate}: a plate reader posting reads to an edge-agent. */
@Command(
    name = "plate",
    mixinStandardHelpOptions = true,
    description = {
      "Posts plate reads to an edge-agent as a plate reader would, at a fixed rate.",
      "Logs every hotlisted plate it sends, and prints a summary at the end (also on Ctrl-C)."
    })
final class PlateCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(PlateCommand.class);

  @Spec CommandSpec spec;

  @Mixin TargetOptions target;

  @Mixin PlateSourceOptions source;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "10",
      description = "Reads per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--count",
      paramLabel = "M",
      defaultValue = "100",
      description = "Reads in total; 0 sends until Ctrl-C (default: ${DEFAULT-VALUE}).")
  long count;

  @Option(
      names = "--hot-share",
      paramLabel = "SHARE",
      defaultValue = "0.1",
      description =
          "Share of reads drawn from --hotlist/--key-persons plates, 0..1 (default:"
              + " ${DEFAULT-VALUE}; 0 when neither file is given).")
  double hotShare;

  @Override
  public Integer call() {
    Clock clock = Clock.systemUTC();
    LoopbackTargets.require(target.target, "--target", target.allowRemote);
    GbDeviceId deviceId = DeviceIds.plateReader(target.deviceId);
    PlatePool pool = source.pool(clock);
    double share = hotShare;
    if (pool.hotPlates().isEmpty() && share > 0) {
      log.info("no --hotlist or --key-persons plates: every read is ordinary traffic");
      share = 0;
    }
    PlateSimulatorOptions options =
        PlateSimulatorOptions.builder()
            .target(target.target)
            .deviceId(deviceId)
            .ratePerSecond(rate)
            .count(count)
            .seed(source.seed())
            .pool(pool)
            .hotShare(share)
            .rawStyles(source.rawStyles)
            .snapshot(source.snapshot)
            .maxInFlight(target.maxInFlight)
            .requestTimeout(target.requestTimeout)
            .credentials(target.credentials(System.getenv()))
            .build();
    PlateSimulator simulator =
        PlateSimulator.builder(options).clock(clock).listener(new HotReadLog()).build();

    CountDownLatch printed = new CountDownLatch(1);
    Thread hook =
        NamedThreads.daemon("plate-sim-shutdown")
            .newThread(
                () -> {
                  simulator.stop();
                  try {
                    printed.await(options.requestTimeout().toSeconds() + 5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Runtime.getRuntime().addShutdownHook(hook);
    SimulationReport report = simulator.run();
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.summary());
    out.flush();
    printed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and waits for the summary printed above.
    }
    return 0;
  }

  /**
   * Logs each hotlisted read with what the edge made of it, so the demo shows what should alert.
   */
  private static final class HotReadLog implements PlateReadListener {
    @Override
    public void answered(SentRead read, Instant answeredAt, int status, String body) {
      if (read.draw().isHot()) {
        log.info(
            "hotlisted {} sent as '{}' → {} {}",
            read.draw().hot(),
            read.draw().raw(),
            status,
            EdgeAnswer.eventId(body).map(id -> "eventId " + id).orElse(body));
      }
    }

    @Override
    public void failed(SentRead read, Instant failedAt, Throwable error) {
      if (read.draw().isHot()) {
        log.info(
            "hotlisted {} sent as '{}' → no answer: {}",
            read.draw().hot(),
            read.draw().raw(),
            error.toString());
      }
    }
  }
}
