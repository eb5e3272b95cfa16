package org.sharpeyes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateSimulator;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;
import org.sharpeyes.sims.plate.SimulationReport;

/**
 * The walking skeleton end to end: simulated plate reader → edge-agent → MQTT broker →
 * ingest-server → live feed, read as the demo city's users see it (the city supervisor, unless a
 * test says otherwise). Subclasses choose the broker and store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlateAlertEndToEndContract {

  // Each test uses its own plates so that folding in one test does not change another's counts.
  // Only hotlist entries without an end date are used, so that the tests do not expire.

  /** On the demo city's hotlist (盗抢车辆, critical, no end date). */
  static final String HOTLISTED = "湘JVH636";

  /** On the hotlist (套牌嫌疑, high), used as a marker sent after other reads. */
  static final String MARKER = "湘J3B924";

  /** On the hotlist (布控车辆, medium). */
  static final String WULING_ONLY = "湘JRT396";

  /** Belongs to key person KP0001 (red). */
  static final String KEY_PERSONS = "湘JJN407";

  /** Belongs to key person KP0002 (orange). */
  static final String OTHER_KEY_PERSONS = "湘J790P1";

  /** On no list. */
  static final String UNLISTED = "湘JK7M20";

  private static final Duration FEED_DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  RunningPipeline pipeline;

  /** The city supervisor's feed, narrowed to 武陵区. */
  AlertFeedRecorder wulingFeed;

  /** The 鼎城区 operator's own feed (their jurisdiction, masked). */
  AlertFeedRecorder dingchengFeed;

  abstract TestPair pair();

  @BeforeAll
  void startPipeline(@TempDir Path dataDir) throws Exception {
    pipeline = new RunningPipeline(pair(), dataDir);
    wulingFeed = pipeline.alertFeed("430702");
    dingchengFeed = pipeline.alertFeedOf(DemoAccount.DINGCHENG_OPERATOR);
  }

  @AfterAll
  void stopPipeline() throws Exception {
    if (wulingFeed != null) {
      wulingFeed.close();
    }
    if (dingchengFeed != null) {
      dingchengFeed.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void hotlistedPlateReadsBecomeOneAlertOnTheLiveFeedOfTheirCounty() throws Exception {
    SimulationReport report = sendReads(HOTLISTED, "hotlist", 3);
    assertThat(report.count2xx()).isEqualTo(3);

    await("alert for " + HOTLISTED + " folded to count 3")
        .atMost(FEED_DEADLINE)
        .until(() -> lastCount(wulingFeed, HOTLISTED) == 3);
    List<AlertFeedRecorder.Frame> frames = wulingFeed.framesFor(HOTLISTED);
    assertThat(frames).filteredOn(f -> f.type().equals("alert")).hasSize(1);
    JsonNode alert = frames.get(0).alert();
    assertThat(alert.path("rule").asText()).isEqualTo("plate-hotlist");
    assertThat(alert.path("severity").asText()).isEqualTo("critical");
    assertThat(alert.path("device").path("id").asText()).isEqualTo(RunningPipeline.PLATE_READER);
    assertThat(alert.path("grid").path("code").asText()).isEqualTo("43070200200102");
    assertThat(alert.path("regionPath").asText())
        .isEqualTo("/430700/430702/430702002/430702002001/");

    JsonNode listed = pipeline.getJson("/api/alerts?region=430702");
    assertThat(plates(listed.path("alerts"))).containsOnlyOnce(HOTLISTED);
  }

  @Test
  void keyPersonsVehicleRaisesAnAlertAboutThePersonWithTheirRiskLevel() throws Exception {
    sendReads(KEY_PERSONS, "key-person", 1);

    await("alert for " + KEY_PERSONS)
        .atMost(FEED_DEADLINE)
        .until(() -> lastCount(wulingFeed, KEY_PERSONS) >= 1);
    JsonNode alert = wulingFeed.framesFor(KEY_PERSONS).get(0).alert();
    assertThat(alert.path("personId").asText()).isEqualTo("KP0001");
    assertThat(alert.path("severity").asText()).isEqualTo("critical");
  }

  @Test
  void unlistedPlateIsStoredButRaisesNoAlert() throws Exception {
    sendReads(UNLISTED, null, 2);
    sendReads(MARKER, "hotlist", 1); // sent after them on the same path, so processed after them

    await("unlisted reads stored")
        .atMost(FEED_DEADLINE)
        .until(
            () ->
                pipeline
                        .getJson("/api/events?plate=" + RunningPipeline.encode(UNLISTED))
                        .path("count")
                        .asInt()
                    == 2);
    await("marker alert seen")
        .atMost(FEED_DEADLINE)
        .until(() -> !wulingFeed.framesFor(MARKER).isEmpty());
    assertThat(wulingFeed.framesFor(UNLISTED)).isEmpty();
    assertThat(plates(pipeline.getJson("/api/alerts").path("alerts"))).doesNotContain(UNLISTED);
  }

  @Test
  void anOperatorOfAnotherCountySeesNoneOfTheWulingAlertTheCitySupervisorSees() throws Exception {
    sendReads(WULING_ONLY, "hotlist", 1);

    await().atMost(FEED_DEADLINE).until(() -> !wulingFeed.framesFor(WULING_ONLY).isEmpty());
    assertThat(plates(pipeline.getJson("/api/alerts").path("alerts"))).contains(WULING_ONLY);

    DemoAccount dingcheng = DemoAccount.DINGCHENG_OPERATOR;
    assertThat(dingchengFeed.frames()).isEmpty();
    assertThat(plates(pipeline.getJsonAs(dingcheng, "/api/alerts").path("alerts")))
        .doesNotContain(WULING_ONLY);
    HttpResponse<String> askedForWuling = pipeline.getAs(dingcheng, "/api/alerts?region=430702");
    assertThat(askedForWuling.statusCode()).as(askedForWuling.body()).isEqualTo(403);
    assertThat(askedForWuling.body()).contains("outside the jurisdiction");
  }

  @Test
  void alertsAreRefusedWithABearerChallengeToARequestWithoutAToken() throws Exception {
    HttpResponse<String> anonymous = pipeline.getAnonymously("/api/alerts");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    assertThat(anonymous.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(anonymous.body()).doesNotContain(HOTLISTED, WULING_ONLY);
  }

  @Test
  void malformedPlateBodiesGet400WithEveryReasonAndTheReaderKeepsWorking() throws Exception {
    HttpResponse<String> garbage = post("{\"plate\": \"湘J");
    HttpResponse<String> missing = post("{\"color\":\"purple\"}");

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("problems");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("plate", "time", "confidence", "color");

    HttpResponse<String> good =
        post(
            "{\"plate\":\"湘D·Z1936\",\"time\":\""
                + Instant.now()
                + "\",\"confidence\":0.9,\"color\":\"blue\"}");
    assertThat(good.statusCode()).isEqualTo(202);
  }

  @Test
  void malformedMqttMessagesLandInTheDeadLetterTableWithTheirReason() throws Exception {
    String edge = pipeline.edgeId;
    pipeline.publishRaw(
        Topics.events(edge, EventType.VEHICLE_SIGHTED),
        "{\"id\":".getBytes(StandardCharsets.UTF_8));
    pipeline.publishRaw(
        Topics.events(edge, EventType.VEHICLE_SIGHTED), new byte[] {'{', (byte) 0xC3, '(', '}'});
    EdgeEvent foreign =
        new EdgeEvent(
            java.util.UUID.randomUUID().toString(),
            "someone-else",
            RunningPipeline.PLATE_READER,
            1,
            Instant.now(),
            new VehicleSighted(
                MARKER, MARKER, null, null, null, null, null, null, null, 0.9, null));
    pipeline.publishRaw(
        Topics.events(edge, EventType.VEHICLE_SIGHTED), new EventCodec().encode(foreign));

    await("three dead letters")
        .atMost(FEED_DEADLINE)
        .untilAsserted(
            () ->
                assertThat(reasons(pipeline.getJson("/api/dead-letters?limit=100")))
                    .contains("malformed-json", "not-utf8", "wrong-topic"));

    // and the pipeline still works after them
    sendReads(OTHER_KEY_PERSONS, "key-person", 1);
    await().atMost(FEED_DEADLINE).until(() -> !wulingFeed.framesFor(OTHER_KEY_PERSONS).isEmpty());
  }

  private SimulationReport sendReads(String plate, String hotSource, int count) {
    PlatePool pool =
        hotSource == null
            ? PlatePool.of(List.of(plate), List.of())
            : PlatePool.of(List.of(UNLISTED), List.of(new HotPlate(plate, hotSource, "it")));
    PlateSimulatorOptions options =
        PlateSimulatorOptions.builder()
            .target(pipeline.plateEndpoint())
            .deviceId(RunningPipeline.PLATE_READER)
            .ratePerSecond(20)
            .count(count)
            .seed(count)
            .pool(pool)
            .hotShare(hotSource == null ? 0.0 : 1.0)
            .rawStyles(true)
            .build();
    SimulationReport report = PlateSimulator.of(options).run();
    assertThat(report.count2xx()).as(report.summary()).isEqualTo(count);
    return report;
  }

  private HttpResponse<String> post(String body) throws Exception {
    return pipeline.http.send(
        HttpRequest.newBuilder(pipeline.plateEndpoint())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int lastCount(AlertFeedRecorder feed, String plate) {
    List<AlertFeedRecorder.Frame> frames = feed.framesFor(plate);
    return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).alert().path("count").asInt();
  }

  private static List<String> plates(JsonNode alerts) {
    return StreamSupport.stream(alerts.spliterator(), false)
        .map(a -> a.path("plate").asText())
        .toList();
  }

  private static List<String> reasons(JsonNode deadLetters) {
    return StreamSupport.stream(deadLetters.spliterator(), false)
        .map(d -> d.path("reason").asText())
        .toList();
  }

  static ObjectMapper json() {
    return JSON;
  }
}
