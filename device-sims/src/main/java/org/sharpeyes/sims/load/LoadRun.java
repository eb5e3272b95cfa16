package org.sharpeyes.sims.load;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.sharpeyes.sims.plate.EdgeAnswer;
import org.sharpeyes.sims.plate.PlateReadListener;
import org.sharpeyes.sims.plate.PlateSimulator;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.plate.SentRead;
import org.sharpeyes.sims.plate.SimulationReport;
import org.sharpeyes.sims.sse.SseClient;
import org.sharpeyes.sims.sse.SseLineParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load run: opens the ingest-server's alert feed, sends plate reads to the edge at the rate for
 * the duration, waits up to the drain timeout for the alerts of the hotlisted reads, and reports
 * rates, answers and both latencies. Bounded by the duration (and so by rate × duration reads) plus
 * the drain timeout; it stops by itself.
 */
public final class LoadRun {

  private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

  private final LoadOptions options;
  private final Clock clock;

  public LoadRun(LoadOptions options, Clock clock) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs to the end and reports.
   *
   * @throws LoadRunException when the alert stream refuses the connection
   * @throws InterruptedException when interrupted while waiting for alerts; sending stops at once
   */
  public LoadReport run() throws InterruptedException {
    PlateSimulatorOptions plates = options.simulatorOptions();
    int capacity = (int) Math.min(LoadOptions.MAX_SAMPLES, plates.count() + 1);
    LatencySamples postLatency = new LatencySamples(capacity);
    LatencySamples alertLatency = new LatencySamples(capacity);
    AlertMatcher matcher = new AlertMatcher(capacity, alertLatency);
    HttpClient streamHttp =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.streamConnectTimeout())
            .build();
    try (SseClient stream =
        new SseClient(
            streamHttp,
            options.stream(),
            null,
            event -> {
              if (AlertMatcher.ALERT_EVENT_TYPES.contains(event.type())) {
                matcher.alertArrived(event.data(), clock.instant());
              }
            },
            SseLineParser.DEFAULT_MAX_EVENT_CHARS,
            options.streamAuthorization())) {
      open(stream);
      ReadTracker tracker = new ReadTracker(postLatency, matcher);
      SimulationReport posted =
          PlateSimulator.builder(plates).clock(clock).listener(tracker).build().run();
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("load run interrupted");
      }
      log.info(
          "sent {} reads at {}/s; waiting up to {} for outstanding alerts",
          posted.sent(),
          String.format("%.1f", posted.achievedRate()),
          options.drainTimeout());
      matcher.awaitSettled(clock, options.drainTimeout());
      return LoadReport.assess(
          options.stream().toString(),
          posted,
          tracker.acceptedWithoutEventId.sum(),
          postLatency.summary(),
          alertLatency.summary(),
          matcher.result(),
          stream.state().name(),
          stream.events());
    }
  }

  private void open(SseClient stream) throws InterruptedException {
    Duration timeout = options.streamConnectTimeout();
    try {
      stream.connect().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("alert stream {} is open", options.stream());
    } catch (TimeoutException e) {
      // Some servers send headers with the first event only; the stream may well be fine.
      log.warn(
          "alert stream {} sent no headers within {}; sending anyway (alerts raised before it opens"
              + " will count as missing)",
          options.stream(),
          timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason =
          cause.getMessage() == null
              ? cause.getClass().getSimpleName() + " (is the ingest-server running?)"
              : cause.getMessage();
      throw new LoadRunException(
          "cannot open the alert stream " + options.stream() + ": " + reason, cause);
    }
  }

  /** Records POST latency for every answer and hands accepted hotlisted reads to the matcher. */
  private static final class ReadTracker implements PlateReadListener {
    private final LatencySamples postLatency;
    private final AlertMatcher matcher;
    private final LongAdder acceptedWithoutEventId = new LongAdder();

    ReadTracker(LatencySamples postLatency, AlertMatcher matcher) {
      this.postLatency = postLatency;
      this.matcher = matcher;
    }

    @Override
    public void answered(SentRead read, Instant answeredAt, int status, String body) {
      postLatency.record(Duration.between(read.sentAt(), answeredAt));
      if (!read.draw().isHot() || status < 200 || status >= 300) {
        return;
      }
      EdgeAnswer.eventId(body)
          .ifPresentOrElse(
              id -> matcher.readAccepted(id, read.draw().plate(), read.sentAt()),
              acceptedWithoutEventId::increment);
    }
  }
}
