package org.sharpeyes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.viid.ViidAdapterConfig;
import org.sharpeyes.edge.adapter.viid.ViidFaceSettings;
import org.sharpeyes.edge.health.HealthConfig;
import org.sharpeyes.edge.watchlist.WatchlistStatus;
import org.sharpeyes.ingest.config.DeviceOfflineConfig;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.viid.CaptureKind;
import org.sharpeyes.sims.viid.PortraitFiles;
import org.sharpeyes.sims.viid.ViidReport;
import org.sharpeyes.sims.viid.ViidSimulator;
import org.sharpeyes.sims.viid.ViidSimulatorOptions;
import org.sharpeyes.vision.model.ModelCache;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * GA/T 1400 end to end (issue 13), as an installer and an operator see it: a capture camera
 * (device-sims viid) registers at the edge with HTTP Digest and pushes what it sees; the server
 * raises a {@code plate-hotlist} alert for a hotlisted plate (match exact), a fuzzy one for a plate
 * read with one OCR confusion (saying what differed, one severity step lower), a {@code
 * watchlist-face} alert for an enrolled key person's face (when the face models are there); and
 * when the camera stops keeping alive, the edge reports it offline and the server raises a {@code
 * device-offline} alert at the desk of its grid, which closes itself when the camera registers
 * again.
 */
abstract class ViidEndToEndContract {

  /** 火车站广场抓拍机, the demo city's GA/T 1400 capture camera in 桂园社区 (devices.csv). */
  static final String CAMERA = "43070200001320000201";

  static final String PASSWORD_ENV = "SHARPEYES_VIID_PASSWORD_" + CAMERA;
  static final String PASSWORD = "it-viid-password-7";

  /** On the hotlist (盗抢车辆, critical, no end date). */
  static final String HOTLISTED = "湘JVH636";

  /** On the hotlist (套牌嫌疑, high); read with its 2 as a Z below. */
  static final String LISTED = "湘J3B924";

  static final String MISREAD = "湘J3B9Z4";

  static final String PERSON = "KP0001";

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private RunningPipeline pipeline;
  private final List<ViidSimulator> cameras = new ArrayList<>();

  abstract TestPair pair();

  @AfterEach
  void stop() throws Exception {
    cameras.forEach(ViidSimulator::stop);
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void platesFromACaptureCameraRaiseExactAndFuzzyHotlistAlerts() throws Exception {
    start(null);

    sendAll(vehicles(PlatePool.of(List.of(), List.of(hot(HOTLISTED))), 1.0));
    JsonNode exact =
        await("the exact alert").atMost(WAIT).until(() -> alert(HOTLISTED), a -> a != null);
    assertThat(exact.path("rule").asText()).isEqualTo("plate-hotlist");
    assertThat(exact.path("device").path("id").asText()).isEqualTo(CAMERA);
    assertThat(exact.path("severity").asText()).isEqualTo("critical");
    assertThat(exact.path("reason").asText()).endsWith("match: exact");

    sendAll(vehicles(PlatePool.of(List.of(MISREAD), List.of()), 0.0));
    JsonNode fuzzy =
        await("the fuzzy alert").atMost(WAIT).until(() -> alert(LISTED), a -> a != null);
    assertThat(fuzzy.path("rule").asText()).isEqualTo("plate-hotlist");
    assertThat(fuzzy.path("subject").path("key").asText()).isEqualTo(LISTED);
    assertThat(fuzzy.path("reason").asText()).contains("match: fuzzy").contains("read Z, listed 2");
    assertThat(fuzzy.path("severity").asText()).as("high, one step down").isEqualTo("medium");
  }

  @Test
  void anEnrolledKeyPersonsFaceFromACaptureCameraRaisesAWatchlistFaceAlert() throws Exception {
    Path models = SamplePhotos.dir();
    SamplePhotos.blazeFace();
    SamplePhotos.embeddingModel();
    byte[] watched = SamplePhotos.portrait(6, 1);
    Path portraits = Files.createDirectories(dir.resolve("portraits"));
    Files.write(portraits.resolve("watched.jpg"), watched);
    start(models);
    enrol(watched);
    await("the edge has the template").atMost(Duration.ofSeconds(60)).until(() -> templates() == 1);

    sendAll(
        options()
            .kinds(Set.of(CaptureKind.FACE))
            .portraits(PortraitFiles.read(portraits))
            .count(2)
            .build());

    JsonNode alert =
        await("a watchlist-face alert")
            .atMost(Duration.ofSeconds(60))
            .until(() -> alertOf("watchlist-face", PERSON), a -> a != null);
    assertThat(alert.path("device").path("id").asText()).isEqualTo(CAMERA);
    assertThat(alert.path("severity").asText()).isEqualTo("critical"); // KP0001 is red
  }

  @Test
  void aCameraThatStopsKeepingAliveRaisesDeviceOfflineWhichClosesWhenItRegistersAgain()
      throws Exception {
    start(null);
    ViidSimulator silent =
        send(
            options()
                .kinds(Set.of(CaptureKind.VEHICLE))
                .pool(PlatePool.of(List.of("湘JK7M20"), List.of()))
                .ratePerSecond(1)
                .count(0)
                .keepalive(Duration.ofMillis(500))
                .silentAfter(Duration.ofSeconds(1))
                .duration(Duration.ofMinutes(2))
                .build());

    JsonNode offline =
        await("a device-offline alert")
            .atMost(Duration.ofSeconds(60))
            .until(() -> alertOf("device-offline", CAMERA), a -> a != null);
    assertThat(offline.path("state").asText()).isEqualTo("new");
    assertThat(offline.path("grid").path("code").asText()).startsWith("430702002001");
    JsonNode queue = pipeline.getJson("/api/desks/430702002001/queue");
    assertThat(queue.toString()).contains(offline.path("id").asText());
    silent.stop();

    send(options().kinds(Set.of(CaptureKind.VEHICLE)).count(0).ratePerSecond(0.5).build());
    String id = offline.path("id").asText();
    JsonNode closed =
        await("closed by the server")
            .atMost(WAIT)
            .until(
                () -> pipeline.getJson("/api/alerts/" + id + "/workflow"),
                w -> "resolved".equals(w.path("state").asText()));
    assertThat(closed.path("timeline").toString()).contains("back online after");
    JsonNode devices = pipeline.getJson("/api/devices?region=430702002001");
    assertThat(devices.toString()).contains(CAMERA);
  }

  // --- the parts -------------------------------------------------------------------------------

  private void start(Path models) throws Exception {
    ViidAdapterConfig viid =
        ViidAdapterConfig.of(0, List.of(new ViidAdapterConfig.Device(CAMERA, PASSWORD_ENV)))
            .withTimeouts(Duration.ofSeconds(2), ViidAdapterConfig.DEFAULT_NONCE_LIFETIME);
    if (models != null) {
      viid =
          viid.withFaces(
              new ViidFaceSettings(
                  models.resolve(ModelCache.BLAZE_FACE),
                  0.5,
                  models.resolve(ModelCache.EMBEDDING),
                  "fr-feature-512",
                  Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65),
                  ViidFaceSettings.DEFAULT_CONFIRM_CAPTURES,
                  ViidFaceSettings.DEFAULT_CONFIRM_WITHIN,
                  0.75,
                  ViidFaceSettings.DEFAULT_COOLDOWN));
    }
    DeviceConfig device =
        new DeviceConfig(CAMERA, "火车站广场抓拍机", new GeoPoint(29.0435, 111.679), viid);
    HealthConfig health =
        new HealthConfig(
            true,
            Duration.ofMillis(300),
            Duration.ofMillis(600),
            Duration.ofSeconds(1),
            Duration.ZERO,
            HealthConfig.DEFAULT_PLATE_READER_SILENCE,
            HealthConfig.DEFAULT_CAMERA_FPS_FACTOR,
            Map.of());
    pipeline =
        new RunningPipeline(
            pair(),
            dir.resolve("data"),
            server ->
                server.withAccessRules(
                    server
                        .accessRules()
                        .withDeviceOffline(
                            new DeviceOfflineConfig(
                                Duration.ofSeconds(10), Map.of(), Severity.MEDIUM))),
            edge -> edge.withHealth(health),
            Map.of(PASSWORD_ENV, PASSWORD),
            device);
  }

  private ViidSimulatorOptions.Builder options() {
    return ViidSimulatorOptions.builder()
        .url(URI.create("http://127.0.0.1:" + pipeline.agent().devicePort(CAMERA)))
        .deviceId(CAMERA)
        .password(PASSWORD)
        .pictureBytes(20 * 1024)
        .seed(13);
  }

  private ViidSimulatorOptions vehicles(PlatePool pool, double hotShare) {
    return options()
        .kinds(Set.of(CaptureKind.VEHICLE))
        .pool(pool)
        .hotShare(hotShare)
        .count(1)
        .build();
  }

  /**
   * Runs a camera that sends a set number of objects to its end (it unregisters then), so that the
   * next camera does not register while this one is still leaving.
   */
  private void sendAll(ViidSimulatorOptions options) {
    ViidReport report = ViidSimulator.of(options).run();
    assertThat(report.ok()).as(report.toString()).isEqualTo(options.count());
  }

  /** Starts a camera that runs until it is stopped (at the end of the test at the latest). */
  private ViidSimulator send(ViidSimulatorOptions options) {
    ViidSimulator camera = ViidSimulator.of(options);
    cameras.add(camera);
    camera.start();
    return camera;
  }

  private static HotPlate hot(String plate) {
    return new HotPlate(plate, HotPlate.SOURCE_HOTLIST, "test");
  }

  private void enrol(byte[] photo) throws Exception {
    HttpResponse<String> enrolled =
        pipeline.http.send(
            pipeline
                .requestAs(DemoAccount.CITY_ADMIN, "/api/key-persons/" + PERSON + "/photos")
                .header("content-type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
    pipeline.enrolledPhotos.add(JSON.readTree(enrolled.body()).get("sha256").asText());
  }

  private int templates() {
    WatchlistStatus w = pipeline.agent().status().watchlist();
    return w == null ? 0 : w.templates().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The plate-hotlist alert about {@code plate}, or {@code null}. */
  private JsonNode alert(String plate) throws Exception {
    return alertOf("plate-hotlist", plate);
  }

  /** The alert of {@code rule} whose subject key is {@code key}, or {@code null}. */
  private JsonNode alertOf(String rule, String key) throws Exception {
    for (JsonNode a : pipeline.getJson("/api/alerts?region=430702").path("alerts")) {
      if (a.path("rule").asText().equals(rule)
          && a.path("subject").path("key").asText().equals(key)) {
        return a;
      }
    }
    return null;
  }
}
