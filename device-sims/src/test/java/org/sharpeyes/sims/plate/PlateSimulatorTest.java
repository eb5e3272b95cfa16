package org.sharpeyes.sims.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.sims.testing.FakeEdge;
import org.sharpeyes.sims.testing.FakeEdge.Answer;

class PlateSimulatorTest {

  private static final String DEVICE = "43070200001320000101";
  private static final List<HotPlate> HOT =
      List.of(
          new HotPlate("湘J38J91", HotPlate.SOURCE_HOTLIST, "涉案车辆/critical"),
          new HotPlate("湘JVH636", HotPlate.SOURCE_HOTLIST, "盗抢车辆/critical"));

  private FakeEdge edge;

  @AfterEach
  void stopEdge() {
    if (edge != null) {
      edge.close();
    }
  }

  private PlateSimulatorOptions.Builder options(URI target) {
    return PlateSimulatorOptions.builder().target(target).deviceId(DEVICE).ratePerSecond(500);
  }

  @Test
  void answersAreCountedByStatusAndNoneCrashesTheRun() {
    edge =
        new FakeEdge(
            request ->
                switch (request.index() % 3) {
                  case 0 -> Answer.accepted("ev-" + request.index(), request.plate());
                  case 1 ->
                      new Answer(400, "{\"error\":\"invalid\",\"problems\":[\"plate: empty\"]}");
                  default -> new Answer(503, "{\"error\":\"busy\"}");
                });

    SimulationReport report = PlateSimulator.of(options(edge.platesUri()).count(30).build()).run();

    assertThat(report.sent()).isEqualTo(30);
    assertThat(report.answers(202)).isEqualTo(10);
    assertThat(report.answers(400)).isEqualTo(10);
    assertThat(report.answers(503)).isEqualTo(10);
    assertThat(report.count2xx()).isEqualTo(10);
    assertThat(report.count4xx()).isEqualTo(10);
    assertThat(report.count5xx()).isEqualTo(10);
    assertThat(report.errors()).isZero();
    assertThat(report.summary())
        .contains("4xx       10 (400×10)")
        .contains("5xx       10 (503×10)");
  }

  @Test
  void everyReadIsAJsonPostFromTheConfiguredDevice() {
    edge = new FakeEdge();

    PlateSimulator.of(options(edge.platesUri()).count(5).build()).run();

    assertThat(edge.received())
        .hasSize(5)
        .allSatisfy(
            r -> {
              assertThat(r.deviceId()).isEqualTo(DEVICE);
              assertThat(r.contentType()).isEqualTo("application/json");
              assertThat(r.body().has("plate")).isTrue();
              assertThat(r.body().has("time")).isTrue();
              assertThat(r.body().has("confidence")).isTrue();
            });
  }

  @Test
  void withCredentialsEveryReadCarriesThemAsHttpBasicAndWithoutNoneDoes() {
    edge = new FakeEdge();

    PlateSimulator.of(
            options(edge.platesUri())
                .count(3)
                .credentials(new BasicCredentials("reader-wuling", "g4te-Pa55"))
                .build())
        .run();
    PlateSimulator.of(options(edge.platesUri()).count(1).build()).run();

    assertThat(edge.received())
        .extracting(FakeEdge.Received::authorization)
        .containsExactly(
            "Basic cmVhZGVyLXd1bGluZzpnNHRlLVBhNTU=",
            "Basic cmVhZGVyLXd1bGluZzpnNHRlLVBhNTU=",
            "Basic cmVhZGVyLXd1bGluZzpnNHRlLVBhNTU=",
            null);
    assertThat(new BasicCredentials("reader-wuling", "g4te-Pa55").toString())
        .doesNotContain("g4te-Pa55");
  }

  @Test
  void theSameSeedSendsTheSameSequenceOfPlates() {
    edge = new FakeEdge();
    PlatePool pool = PlatePool.of(List.of(), HOT);
    PlateSimulatorOptions options =
        options(edge.platesUri())
            .count(40)
            .seed(99)
            .pool(pool)
            .hotShare(0.3)
            .rawStyles(true)
            .build();

    assertThat(platesSent(options)).isEqualTo(platesSent(options));
  }

  private static List<String> platesSent(PlateSimulatorOptions options) {
    ConcurrentSkipListMap<Long, String> bySequence = new ConcurrentSkipListMap<>();
    PlateSimulator.builder(options)
        .listener(
            new PlateReadListener() {
              @Override
              public void answered(SentRead read, Instant at, int status, String body) {
                bySequence.put(read.sequence(), read.body().plate());
              }
            })
        .build()
        .run();
    return List.copyOf(bySequence.values());
  }

  @Test
  void rawStylesReachTheEdgeAsMessyTextThatNormalisesToPoolPlates() {
    edge = new FakeEdge();
    PlatePool pool = PlatePool.of(List.of("湘JK9350", "湘JF158H"), HOT);

    PlateSimulator.of(
            options(edge.platesUri()).count(60).pool(pool).hotShare(0.5).rawStyles(true).build())
        .run();

    List<String> raw = edge.received().stream().map(FakeEdge.Received::plate).toList();
    assertThat(raw).anyMatch(p -> !PlateNumber.normalise(p).equals(p));
    assertThat(raw.stream().map(PlateNumber::normalise))
        .containsOnly("湘JK9350", "湘JF158H", "湘J38J91", "湘JVH636");
  }

  @Test
  void hotReadsAreCountedInTheReport() {
    edge = new FakeEdge();
    PlatePool pool = PlatePool.of(List.of(), HOT);

    SimulationReport report =
        PlateSimulator.of(options(edge.platesUri()).count(50).pool(pool).hotShare(1).build()).run();

    assertThat(report.hotSent()).isEqualTo(50);
  }

  @Test
  void snapshotsAreAttachedWhenAskedFor() {
    edge = new FakeEdge();

    PlateSimulator.of(options(edge.platesUri()).count(3).snapshot(true).build()).run();

    assertThat(edge.received())
        .allSatisfy(r -> assertThat(r.body().path("snapshotBase64").asText()).startsWith("/9j/"));
  }

  @Test
  void aTargetThatRefusesConnectionsCountsErrorsInsteadOfThrowing() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + freePort + "/plates");

    SimulationReport report = PlateSimulator.of(options(nowhere).count(4).build()).run();

    assertThat(report.sent()).isEqualTo(4);
    assertThat(report.errors()).isEqualTo(4);
    assertThat(report.answersByStatus()).isEmpty();
  }

  @Test
  void stopEndsARunWithoutLimitsAndReportsWhatWasSent() {
    edge = new FakeEdge();
    PlateSimulator simulator =
        PlateSimulator.of(options(edge.platesUri()).ratePerSecond(200).count(0).build());

    CompletableFuture<SimulationReport> running = simulator.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> edge.received().size() >= 10);
    simulator.stop();

    SimulationReport report = running.join();
    assertThat(report.sent()).isGreaterThanOrEqualTo(10);
    assertThat(report.count2xx() + report.errors()).isEqualTo(report.sent());
    assertThat(edge.received()).hasSize((int) report.sent());
  }

  @Test
  void aSimulatorRunsOnce() {
    edge = new FakeEdge();
    PlateSimulator simulator = PlateSimulator.of(options(edge.platesUri()).count(1).build());
    simulator.run();

    assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void optionsRejectBadValuesWithASentence() {
    assertThatThrownBy(() -> PlateSimulatorOptions.builder().deviceId("4307"))
        .hasMessageContaining("expected exactly 20 digits");
    assertThatThrownBy(() -> PlateSimulatorOptions.builder().hotShare(1.5))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> PlateSimulatorOptions.builder().target(URI.create("ftp://x/plates")))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> options(URI.create("http://127.0.0.1:1/plates")).hotShare(0.1).build())
        .hasMessageContaining("needs hot plates");
  }
}
