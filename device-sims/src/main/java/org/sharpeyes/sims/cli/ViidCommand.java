package org.sharpeyes.sims.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.sims.plate.PlateListFiles;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.viid.Capture;
import org.sharpeyes.sims.viid.CaptureKind;
import org.sharpeyes.sims.viid.PortraitFiles;
import org.sharpeyes.sims.viid.ResponseStatus;
import org.sharpeyes.sims.viid.ViidListener;
import org.sharpeyes.sims.viid.ViidReport;
import org.sharpeyes.sims.viid.ViidSimulator;
import org.sharpeyes.sims.viid.ViidSimulatorOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code device-sims viid}: a GA/T 1400 (视图库) capture device posting to a platform. */
@Command(
    name = "viid",
    mixinStandardHelpOptions = true,
    description = {
      "A GA/T 1400 (视图库, VIID) capture device: registers with the platform (HTTP Digest, the"
          + " device id as user name), keeps alive, posts vehicles (/VIID/MotorVehicles) and/or"
          + " faces (/VIID/Faces) with pictures at a fixed rate, several per request, and"
          + " unregisters at the end. Registers again when the platform forgets it or restarts.",
      "Prints the platform's status for every object and a summary at the end (also on Ctrl-C);"
          + " exits with 3 when the platform refuses the device (e.g. a wrong password)."
    })
final class ViidCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ViidCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8088",
      description =
          "The platform (the edge-agent's GA/T 1400 endpoint) (default: ${DEFAULT-VALUE}).")
  URI url;

  @Option(
      names = "--allow-remote",
      description = "Allow a platform other than 127.0.0.1/localhost.")
  boolean allowRemote;

  @Option(
      names = "--device-id",
      required = true,
      paramLabel = "ID",
      description =
          "The device's 20-digit id (type 132 IP camera or 131 camera), e.g."
              + " 43070200001320000201: Digest user name, User-Identify and DeviceID.")
  String deviceId;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      defaultValue = "SHARPEYES_VIID_PASSWORD",
      description =
          "Environment variable holding the device's password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "The password itself, for tests only: ps shows it. Prefer --password-env.")
  String password;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "vehicle",
      description = "What the device captures: vehicle, face or both (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "2",
      description = "Objects per second, all kinds together (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--count",
      paramLabel = "M",
      defaultValue = "100",
      description = "Objects in total; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long count;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 5m (default: when --count is reached).")
  Duration duration;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "1",
      description = "Objects per request, 1..100 (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--keepalive",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Time between keepalives (default: ${DEFAULT-VALUE}).")
  Duration keepalive;

  @Option(
      names = "--stop-keepalive-after",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Go silent after this long: no more keepalives, objects or unregister, as a device that"
              + " lost power (for the device-offline test). Pair with --duration.")
  Duration silentAfter;

  @Option(names = "--plates", paramLabel = "FILE", description = "Ordinary plates, one a line.")
  Path plates;

  @Option(
      names = "--hotlist",
      paramLabel = "FILE",
      description = "Hotlist CSV with header plate,reason,severity,validFrom,validTo.")
  Path hotlist;

  @Option(
      names = "--key-persons",
      paramLabel = "FILE",
      description = "Key-person CSV whose 'plates' column lists vehicles, ';'-separated.")
  Path keyPersons;

  @Option(
      names = "--hotlist-share",
      paramLabel = "SHARE",
      defaultValue = "0.1",
      description = "Share of vehicles with hot plates, 0..1 (default: ${DEFAULT-VALUE}).")
  double hotShare;

  @Option(
      names = "--misread-share",
      paramLabel = "SHARE",
      defaultValue = "0",
      description =
          "Share of vehicles whose plate is sent with one OCR confusion, a character read as a"
              + " lookalike (8↔B, 0↔D, 5↔S...), 0..1 (default: ${DEFAULT-VALUE}).")
  double misreadShare;

  @Option(
      names = "--portraits",
      paramLabel = "DIR",
      description = "Folder of portrait JPEGs (device-sims portraits); needed for faces.")
  Path portraits;

  @Option(
      names = "--picture-kib",
      paramLabel = "KIB",
      defaultValue = "100",
      description =
          "Size the vehicle/scene picture is padded to, in KiB (default: ${DEFAULT-VALUE}).")
  int pictureKib;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description =
          "Fixes the sequence of kinds, plates, faces and ids (default: random, printed).")
  Long seed;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Per-request answer timeout (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--quiet", description = "Do not print a line per object; only the summary.")
  boolean quiet;

  @Override
  public Integer call() {
    LoopbackTargets.require(url, "--url", allowRemote);
    DeviceIds.plateReader(deviceId);
    ViidSimulatorOptions options =
        ViidSimulatorOptions.builder()
            .url(url)
            .deviceId(deviceId)
            .password(password())
            .kinds(kinds())
            .ratePerSecond(rate)
            .count(count)
            .duration(duration)
            .batch(batch)
            .keepalive(keepalive)
            .pool(pool())
            .hotShare(hotShare)
            .misreadShare(misreadShare)
            .portraits(portraits == null ? List.of() : PortraitFiles.read(portraits))
            .pictureBytes(Math.multiplyExact(pictureKib, 1024))
            .seed(seed())
            .silentAfter(silentAfter)
            .requestTimeout(timeout)
            .build();
    PrintWriter out = spec.commandLine().getOut();
    ViidSimulator simulator =
        new ViidSimulator(
            options, Clock.systemUTC(), quiet ? new ViidListener() {} : new Lines(out));
    CountDownLatch printed = new CountDownLatch(1);
    Thread hook =
        NamedThreads.daemon("viid-sim-shutdown")
            .newThread(
                () -> {
                  simulator.stop();
                  try {
                    printed.await(timeout.toSeconds() + 5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Runtime.getRuntime().addShutdownHook(hook);
    ViidReport report = simulator.run();
    out.print(report.summary());
    out.flush();
    printed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and waits for the summary printed above.
    }
    if (report.registrationRefused()) {
      spec.commandLine().getErr().println("device-sims: " + report.registrationRefusal());
      return DeviceSimsMain.EXIT_RUN_FAILED;
    }
    return 0;
  }

  private String password() {
    if (password != null) {
      return password;
    }
    String value = System.getenv(passwordEnv);
    if (value == null) {
      throw new IllegalArgumentException(
          "the device's password is read from the environment variable "
              + passwordEnv
              + ", which is not set (or name another with --password-env)");
    }
    return value;
  }

  private EnumSet<CaptureKind> kinds() {
    return switch (kind) {
      case "vehicle" -> EnumSet.of(CaptureKind.VEHICLE);
      case "face" -> EnumSet.of(CaptureKind.FACE);
      case "both" -> EnumSet.allOf(CaptureKind.class);
      default ->
          throw new IllegalArgumentException(
              "--kind must be vehicle, face or both, was '" + kind + "'");
    };
  }

  private PlatePool pool() {
    PlatePool pool = PlateListFiles.pool(plates, hotlist, keyPersons, Clock.systemUTC().instant());
    if (pool.hotPlates().isEmpty() && hotShare > 0 && (hotlist != null || keyPersons != null)) {
      log.info("no active hot plates in the files given: every vehicle is ordinary traffic");
    }
    return pool;
  }

  private long seed() {
    if (seed != null) {
      return seed;
    }
    long chosen = ThreadLocalRandom.current().nextLong();
    log.info("seed {} (pass --seed {} to repeat this sequence)", chosen, chosen);
    return chosen;
  }

  /** One line per object and per registration event. */
  private static final class Lines implements ViidListener {
    private final PrintWriter out;

    Lines(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void registered(int registrations) {
      out.println("registered (" + registrations + ")");
      out.flush();
    }

    @Override
    public void registrationFailed(String reason) {
      out.println("registration failed: " + reason);
      out.flush();
    }

    @Override
    public void answered(Capture capture, ResponseStatus status) {
      out.println(
          capture.describe()
              + " → "
              + (status.isOk()
                  ? "OK"
                  : "refused, code " + status.statusCode() + ": " + status.statusString()));
      out.flush();
    }

    @Override
    public void unanswered(Capture capture, String reason) {
      out.println(capture.describe() + " → no verdict: " + reason);
      out.flush();
    }
  }
}
