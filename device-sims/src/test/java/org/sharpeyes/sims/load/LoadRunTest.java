package org.sharpeyes.sims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.testing.FakeAlertFeed;
import org.sharpeyes.sims.testing.FakeEdge;
import org.sharpeyes.sims.testing.FakeEdge.Answer;

class LoadRunTest {

  private static final List<HotPlate> HOT =
      List.of(
          new HotPlate("湘J38J91", HotPlate.SOURCE_HOTLIST, "涉案车辆/critical"),
          new HotPlate("湘JVH636", HotPlate.SOURCE_HOTLIST, "盗抢车辆/critical"),
          new HotPlate("湘JF27777", HotPlate.SOURCE_KEY_PERSON, "KP0003"));

  private final FakeAlertFeed feed = new FakeAlertFeed();
  private final Map<String, String> firstEventIdByPlate = new ConcurrentHashMap<>();
  private FakeEdge edge;

  @AfterEach
  void tearDown() {
    if (edge != null) {
      edge.close();
    }
    feed.close();
  }

  /**
   * An edge and ingest in one: accepts every read, and for a hot plate publishes {@code alert} on
   * its first sighting and {@code alert-update} after — before answering, so alerts often overtake
   * the 202.
   */
  private FakeEdge edgeThatAlertsExceptFor(Set<String> silentPlates) {
    Set<String> hot = Set.of("湘J38J91", "湘JVH636", "湘JF27777");
    return new FakeEdge(
        request -> {
          String eventId = "ev-" + request.index();
          String plate = PlateNumber.normalise(request.plate());
          if (hot.contains(plate) && !silentPlates.contains(plate)) {
            synchronized (firstEventIdByPlate) {
              String first = firstEventIdByPlate.putIfAbsent(plate, eventId);
              feed.publish(
                  first == null ? "alert" : "alert-update",
                  "{\"id\":\"alert-"
                      + plate
                      + "\",\"rule\":\"plate-hotlist\",\"subjectKey\":\""
                      + plate
                      + "\",\"firstEventId\":\""
                      + (first == null ? eventId : first)
                      + "\",\"lastEventId\":\""
                      + eventId
                      + "\"}");
            }
          }
          return Answer.accepted(eventId, plate);
        });
  }

  private LoadOptions options(URI target, URI stream, double rate) {
    PlateSimulatorOptions plates =
        PlateSimulatorOptions.builder()
            .target(target)
            .deviceId("43070200001320000101")
            .ratePerSecond(rate)
            .seed(5)
            .pool(PlatePool.of(List.of(), HOT))
            .hotShare(0.5)
            .rawStyles(true)
            .build();
    return new LoadOptions(
        plates,
        stream,
        Duration.ofSeconds(1),
        Duration.ofMillis(1500),
        Duration.ofSeconds(5),
        null);
  }

  @Test
  void everyAcceptedHotlistedReadIsPairedWithItsAlert() throws Exception {
    edge = edgeThatAlertsExceptFor(Set.of());

    LoadReport report =
        new LoadRun(options(edge.platesUri(), feed.streamUri(), 100), Clock.systemUTC()).run();

    assertThat(report.sent()).isEqualTo(100);
    assertThat(report.answers2xx()).isEqualTo(100);
    assertThat(report.hotSent()).isPositive();
    assertThat(report.alerts().tracked()).isEqualTo(report.hotSent());
    assertThat(report.alerts().matched() + report.alerts().folded()).isEqualTo(report.hotSent());
    assertThat(report.alerts().missing()).isZero();
    assertThat(report.alerts().distinctAlerts()).isEqualTo(3);
    assertThat(report.alertLatency().count()).isEqualTo((int) report.alerts().matched());
    assertThat(report.postLatency().count()).isEqualTo(100);
    assertThat(report.keptUp()).as(report.describe()).isTrue();
    assertThat(report.describe()).contains("kept up       yes");
  }

  @Test
  void aPlateThatNeverAlertsIsReportedMissingAndTheRunDidNotKeepUp() throws Exception {
    edge = edgeThatAlertsExceptFor(Set.of("湘JVH636"));

    LoadReport report =
        new LoadRun(options(edge.platesUri(), feed.streamUri(), 60), Clock.systemUTC()).run();

    assertThat(report.alerts().missing()).isPositive();
    assertThat(report.alerts().missingSample()).allMatch(s -> s.startsWith("湘JVH636 "));
    assertThat(report.keptUp()).isFalse();
    assertThat(report.shortfalls()).anyMatch(s -> s.endsWith("alerts never arrived"));
  }

  @Test
  void busyAnswersAreCountedAndMeanTheRunDidNotKeepUp() throws Exception {
    edge = new FakeEdge(request -> new Answer(503, "{\"error\":\"busy\"}"));

    LoadReport report =
        new LoadRun(options(edge.platesUri(), feed.streamUri(), 50), Clock.systemUTC()).run();

    assertThat(report.answers5xx()).isEqualTo(report.sent()).isEqualTo(50);
    assertThat(report.keptUp()).isFalse();
    assertThat(report.shortfalls()).contains("50 answers were 5xx");
  }

  @Test
  void aRefusedAlertStreamStopsTheRunBeforeAnyReadIsSent() throws Exception {
    edge = edgeThatAlertsExceptFor(Set.of());
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + freePort + "/api/alerts/stream");

    assertThatThrownBy(
            () -> new LoadRun(options(edge.platesUri(), nowhere, 50), Clock.systemUTC()).run())
        .isInstanceOf(LoadRunException.class)
        .hasMessageContaining("cannot open the alert stream");
    assertThat(edge.received()).isEmpty();
  }
}
