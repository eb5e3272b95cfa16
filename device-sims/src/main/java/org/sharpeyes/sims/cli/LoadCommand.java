package org.sharpeyes.sims.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sharpeyes.sims.load.LoadOptions;
import org.sharpeyes.sims.load.LoadReport;
import org.sharpeyes.sims.load.LoadRun;
import org.sharpeyes.sims.load.StepTable;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.sse.FeedLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code device-sims load}: the load harness measuring read → alert latency at a rate. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Load harness: plate reads at a rate, timing each hotlisted read's alert on the feed.",
      "Sends plate reads to an edge-agent for a duration while watching the ingest-server's",
      "alert feed (SSE), and reports achieved rate, answers, POST latency and POST-sent →",
      "alert-arrived latency. Exit code 0 when it kept up (single run) or when all steps ran",
      "(--step), 1 when a single run did not keep up, 2 on bad input, 3 when it could not start."
    })
final class LoadCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(LoadCommand.class);

  @Spec CommandSpec spec;

  @Mixin TargetOptions target;

  @Mixin PlateSourceOptions source;

  @Option(
      names = "--stream",
      required = true,
      paramLabel = "URL",
      description = "The ingest-server's alert feed, e.g. http://127.0.0.1:8080/api/alerts/stream.")
  URI stream;

  @Option(names = "--rate", paramLabel = "N", description = "Reads per second (single run).")
  Double rate;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long each run sends (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--hot-share",
      paramLabel = "SHARE",
      defaultValue = "0.5",
      description = "Share of reads drawn from hot plates, 0..1 (default: ${DEFAULT-VALUE}).")
  double hotShare;

  @Option(
      names = "--step",
      description =
          "Run once per rate in --rates and print a table, to find the highest sustained rate.")
  boolean step;

  @Option(
      names = "--rates",
      split = ",",
      paramLabel = "N",
      description = "Rates for --step, e.g. 100,200,400,800.")
  List<Double> rates = new ArrayList<>();

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "Wait this long after the last answer for outstanding alerts (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--stream-connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Wait this long for the feed to answer (default: ${DEFAULT-VALUE}).")
  Duration streamConnectTimeout;

  @Option(
      names = "--stream-token-env",
      paramLabel = "NAME",
      description =
          "Name of the environment variable holding a bearer token for the feed (the"
              + " ingest-server requires one).")
  String streamTokenEnv;

  @Option(
      names = "--stream-user",
      paramLabel = "NAME",
      description =
          "Log in to the ingest-server as this user to read the feed (password from"
              + " --stream-password-env).")
  String streamUser;

  @Option(
      names = "--stream-password-env",
      paramLabel = "NAME",
      defaultValue = "SHARPEYES_PASSWORD",
      description =
          "Name of the environment variable holding --stream-user's password (default:"
              + " ${DEFAULT-VALUE}).")
  String streamPasswordEnv;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report(s) as JSON.")
  Path json;

  @Override
  public Integer call() throws InterruptedException {
    LoopbackTargets.require(target.target, "--target", target.allowRemote);
    LoopbackTargets.require(stream, "--stream", target.allowRemote);
    List<Double> runRates = runRates();
    Clock clock = Clock.systemUTC();
    PlateSimulatorOptions plates =
        PlateSimulatorOptions.builder()
            .target(target.target)
            .deviceId(DeviceIds.plateReader(target.deviceId))
            .ratePerSecond(runRates.get(0))
            .seed(source.seed())
            .pool(source.pool(clock))
            .hotShare(hotShare)
            .rawStyles(source.rawStyles)
            .snapshot(source.snapshot)
            .maxInFlight(target.maxInFlight)
            .requestTimeout(target.requestTimeout)
            .credentials(target.credentials(System.getenv()))
            .build();
    LoadOptions options =
        new LoadOptions(
            plates,
            stream,
            duration,
            drainTimeout,
            streamConnectTimeout,
            FeedLogin.authorization(
                stream, streamTokenEnv, streamUser, streamPasswordEnv, System::getenv));
    PrintWriter out = spec.commandLine().getOut();

    List<LoadReport> reports = new ArrayList<>();
    for (int i = 0; i < runRates.size(); i++) {
      double stepRate = runRates.get(i);
      if (step) {
        log.info("step {}/{}: {}/s for {}", i + 1, runRates.size(), stepRate, duration);
      }
      LoadReport report = new LoadRun(options.withRate(stepRate), clock).run();
      reports.add(report);
      out.print(report.describe());
      out.flush();
    }
    if (step) {
      out.println();
      out.print(StepTable.format(reports));
      out.flush();
    }
    if (json != null) {
      writeJson(reports);
    }
    return step || reports.get(0).keptUp() ? 0 : 1;
  }

  private List<Double> runRates() {
    if (step) {
      if (rates.isEmpty()) {
        throw new IllegalArgumentException("--step needs --rates, e.g. --rates 100,200,400,800");
      }
      return rates;
    }
    if (rate == null) {
      throw new IllegalArgumentException("give --rate N, or --step --rates N,N,…");
    }
    if (!rates.isEmpty()) {
      throw new IllegalArgumentException("--rates is for --step; use --rate for a single run");
    }
    return List.of(rate);
  }

  private void writeJson(List<LoadReport> reports) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Object document;
    if (step) {
      Map<String, Object> steps = new LinkedHashMap<>();
      steps.put("steps", reports);
      var best = StepTable.highestSustainedRate(reports);
      steps.put("highestSustainedRate", best.isPresent() ? best.getAsDouble() : null);
      document = steps;
    } else {
      document = reports.get(0);
    }
    try {
      mapper.writeValue(json.toFile(), document);
      log.info("report written to {}", json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
    }
  }
}
