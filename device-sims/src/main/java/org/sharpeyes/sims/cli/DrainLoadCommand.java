package org.sharpeyes.sims.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.sims.load.BacklogDevice;
import org.sharpeyes.sims.load.BacklogEvents;
import org.sharpeyes.sims.load.BacklogPublisher;
import org.sharpeyes.sims.plate.PlateListFiles;
import org.sharpeyes.sims.plate.PlatePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code device-sims drain-load}: publishes a backlog of valid events to a broker as the edges
 * would, for the backlog-drain benchmark ({@code device-sims/drain-bench.sh}).
 */
@Command(
    name = "drain-load",
    mixinStandardHelpOptions = true,
    description = {
      "Publishes N valid events to an MQTT broker at QoS 1 as the reference data's edges would",
      "(vehicle.sighted from its plate readers, a share of them hot plates; a few device.status),",
      "encoded as the edges encode them, with each edge's seq 1..n, and waits until the broker",
      "has acknowledged them all. Persistent sessions subscribed beforehand find them queued.",
      "Exit code 0 when all were acknowledged, 2 on bad input, 3 when the broker failed."
    })
final class DrainLoadCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(DrainLoadCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--broker",
      required = true,
      paramLabel = "URL",
      description = "The broker, e.g. tcp://127.0.0.1:18830.")
  URI broker;

  @Option(names = "--allow-remote", description = "Allow a broker that is not on this machine.")
  boolean allowRemote;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "200000",
      description = "Events to publish (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--devices",
      required = true,
      paramLabel = "FILE",
      description = "devices.csv of the reference data (columns id, kind, edgeId).")
  Path devices;

  @Option(
      names = "--plates",
      paramLabel = "FILE",
      description = "Ordinary plates, one per line (default: random 湘J plates).")
  Path plates;

  @Option(
      names = "--hotlist",
      paramLabel = "FILE",
      description = "Hotlist CSV with header plate,reason,severity,validFrom,validTo.")
  Path hotlist;

  @Option(
      names = "--hot-share",
      paramLabel = "SHARE",
      defaultValue = "0.1",
      description =
          "Share of plate reads drawn from the hotlist, 0..1 (default: ${DEFAULT-VALUE}).")
  double hotShare;

  @Option(
      names = "--status-share",
      paramLabel = "SHARE",
      defaultValue = "0.01",
      description =
          "Share of events that are device.status of a camera, gate or capture camera, 0..1"
              + " (default: ${DEFAULT-VALUE}).")
  double statusShare;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      defaultValue = "device-sims-drain-load",
      description = "The publisher's MQTT client id (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "1000",
      description = "Publishes not yet acknowledged (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Fixes the plates and attributes drawn (default: random, printed).")
  Long seed;

  @Override
  public Integer call() throws InterruptedException {
    LoopbackTargets.require(broker, "--broker", allowRemote);
    if (events < 1) {
      throw new IllegalArgumentException("--events must be at least 1, not " + events);
    }
    Clock clock = Clock.systemUTC();
    PlatePool pool = PlateListFiles.pool(plates, hotlist, null, clock.instant());
    long chosen = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    if (seed == null) {
      log.info("seed {} (pass --seed {} to draw the same plates again)", chosen, chosen);
    }
    BacklogEvents backlog =
        new BacklogEvents(
            BacklogDevice.readCsv(devices),
            pool,
            hotShare,
            statusShare,
            new SplittableRandom(chosen),
            clock,
            new EventCodec());
    BacklogPublisher.Report report =
        new BacklogPublisher(broker.toString(), clientId, maxInFlight, clock)
            .publish(backlog, events);
    spec.commandLine().getOut().println(report.describe());
    return 0;
  }
}
