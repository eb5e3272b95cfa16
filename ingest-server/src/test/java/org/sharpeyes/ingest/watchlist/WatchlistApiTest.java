package org.sharpeyes.ingest.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.WatchlistConfig;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.sync.WatchlistManifest;
import org.sharpeyes.schema.sync.WatchlistManifestCodec;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * Enrolment as an operator does it (a folder of photos, then uploads and deletions over the API),
 * and the watchlist an edge receives over MQTT. Uses the demo city's key persons and portraits cut
 * from the sample photos.
 */
class WatchlistApiTest {

  private static final Path DEMO_CITY = Path.of("../config/demo-city");
  private static final String EDGE = "edge-wuling-01"; // has devices in devices.csv

  @TempDir Path dataDir;
  @TempDir Path photos;
  private IngestServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private byte[] portraitA;
  private byte[] portraitB;

  @BeforeEach
  void start() throws Exception {
    portraitA = SamplePhotos.portrait(6, 0);
    portraitB = SamplePhotos.portrait(3, 0);
    Files.write(photos.resolve("KP0002.jpg"), SamplePhotos.portrait(2, 0));
    Files.write(photos.resolve("KP9999-unknown.jpg"), portraitA);
    Files.copy(SamplePhotos.groupPhotos().get(0), photos.resolve("KP0003-group.jpg"));
    WatchlistConfig d = WatchlistConfig.defaults();
    IngestServerConfig config =
        TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir))
            .withReferenceData(DEMO_CITY)
            .withWatchlist(
                new WatchlistConfig(
                    photos, SamplePhotos.blazeFace(), 0.5, d.maxPhotoBytes(), 2, d.thresholds()));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    // Enrolment is reference data: an admin's work.
    admin = TestLogins.bearer(server.httpPort(), TestLogins.ADMIN);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theFolderImportEnrolsGoodPhotosAndSaysWhyTheOthersWereNot() throws Exception {
    JsonObject w = get("/api/watchlist");

    assertThat(w.getLong("version")).isEqualTo(1);
    assertThat(w.getJsonArray("persons")).hasSize(1);
    assertThat(w.getJsonArray("persons").getJsonObject(0).getString("personId"))
        .isEqualTo("KP0002");
    JsonObject imported = w.getJsonObject("lastImport");
    assertThat(imported.getInteger("enrolled")).isEqualTo(1);
    Map<String, String> problems = new ConcurrentHashMap<>();
    imported
        .getJsonArray("problems")
        .forEach(
            p ->
                problems.put(
                    ((JsonObject) p).getString("file"), ((JsonObject) p).getString("reason")));
    assertThat(problems.get("KP9999-unknown.jpg")).contains("no key person's id");
    assertThat(problems.get("KP0003-group.jpg")).contains("faces found: crop the photo");
  }

  @Test
  void anUploadedPortraitIsEnrolledServedAndDeletedEachMakingANewVersion() throws Exception {
    HttpResponse<String> created = post("/api/key-persons/KP0001/photos", portraitA);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonObject photo = new JsonObject(created.body());
    String href = photo.getString("href");
    assertThat(created.headers().firstValue("location")).contains(href);
    assertThat(photo.getLong("watchlistVersion")).isEqualTo(2);

    HttpResponse<byte[]> crop =
        http.send(request(href).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(crop.statusCode()).isEqualTo(200);
    assertThat(crop.headers().firstValue("content-type")).contains("image/jpeg");
    assertThat(Watchlist.sha256(crop.body())).isEqualTo(photo.getString("sha256"));
    assertThat(getArray("/api/key-persons/KP0001/photos")).hasSize(1);

    assertThat(post("/api/key-persons/KP0001/photos", portraitA).statusCode()).isEqualTo(409);
    assertThat(post("/api/key-persons/KP0001/photos", portraitB).statusCode()).isEqualTo(201);
    HttpResponse<String> third =
        post("/api/key-persons/KP0001/photos", SamplePhotos.portrait(4, 0));
    assertThat(third.statusCode()).isEqualTo(422);
    assertThat(third.body()).contains("has 2 photos already");

    HttpResponse<Void> deleted =
        http.send(request(href).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(getArray("/api/key-persons/KP0001/photos")).hasSize(1);
    assertThat(get("/api/watchlist").getLong("version")).isEqualTo(4);
    assertThat(photoChangesOnTheAuditRecord())
        .containsExactly(
            "test.admin photo.add ok",
            "test.admin photo.add ok",
            "test.admin photo.add refused",
            "test.admin photo.delete ok");
  }

  /** Who changed which enrolment photos, oldest first, as the audit record has it. */
  private List<String> photoChangesOnTheAuditRecord() throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (var c = server.dataSource().getConnection();
        var ps =
            c.prepareStatement(
                "SELECT actor, action, outcome FROM audit_log"
                    + " WHERE action LIKE 'photo.%' AND action <> 'photo.read' ORDER BY seq");
        var rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
      }
    }
    return rows;
  }

  @Test
  void photosThatCannotIdentifyOnePersonAreRefusedWithTheReason() throws Exception {
    HttpResponse<String> group =
        post(
            "/api/key-persons/KP0001/photos",
            Files.readAllBytes(SamplePhotos.groupPhotos().get(0)));
    HttpResponse<String> text =
        post("/api/key-persons/KP0001/photos", "not a photo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> nobody = post("/api/key-persons/KP9999/photos", portraitA);

    assertThat(group.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(group.body()).getString("detail"))
        .endsWith("faces found: crop the photo to the one person to enrol");
    assertThat(text.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(text.body()).getString("detail"))
        .isEqualTo("not a JPEG or PNG image");
    assertThat(nobody.statusCode()).isEqualTo(404);
    assertThat(get("/api/watchlist").getLong("version")).isEqualTo(1);
  }

  @Test
  void anEdgeReceivesTheManifestAndThePhotosItNamesAsRetainedMessages() throws Exception {
    assertThat(post("/api/key-persons/KP0001/photos", portraitA).statusCode()).isEqualTo(201);
    Map<String, byte[]> received = new ConcurrentHashMap<>();
    MqttClient edge =
        new MqttClient(server.brokerUrl(), "edge-watchlist-test", new MemoryPersistence());
    edge.setCallback(new Recorder(received));
    edge.connect(TestEdgeAccounts.loginAs(server, EDGE));
    String manifestTopic = Topics.sync(EDGE, Topics.WATCHLIST);
    // As an edge that connects now: each attempt subscribes afresh and takes the retained message.
    await()
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .until(
            () -> {
              WatchlistManifest seen = manifestOf(received.get(manifestTopic));
              if (seen != null && seen.version() == 2) {
                return true;
              }
              edge.unsubscribe(manifestTopic);
              edge.subscribe(manifestTopic, 1);
              return false;
            });

    WatchlistManifest m = manifestOf(received.get(manifestTopic));
    assertThat(m.persons())
        .extracting(WatchlistManifest.Person::personId)
        .containsExactly("KP0001", "KP0002");
    WatchlistManifest.Person kp1 = m.persons().get(0);
    assertThat(kp1.riskLevel()).isEqualTo("red");
    assertThat(kp1.threshold()).isEqualTo(0.55);
    String photoTopic = Topics.watchlistPhoto(kp1.photos().get(0));
    edge.subscribe(photoTopic, 1);
    await().until(() -> received.containsKey(photoTopic));
    assertThat(Watchlist.sha256(received.get(photoTopic))).isEqualTo(kp1.photos().get(0));
    edge.disconnect();
    edge.close();
  }

  private static WatchlistManifest manifestOf(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    var r = new WatchlistManifestCodec().decode(bytes);
    return r instanceof WatchlistManifestCodec.Read read ? read.manifest() : null;
  }

  private String admin;

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .header("Authorization", admin);
  }

  private JsonObject get(String path) throws Exception {
    return new JsonObject(
        http.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonArray getArray(String path) throws Exception {
    return new JsonArray(
        http.send(request(path).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    return http.send(
        request(path)
            .header("content-type", "image/jpeg")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private record Recorder(Map<String, byte[]> received)
      implements org.eclipse.paho.client.mqttv3.MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {}

    @Override
    public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
      received.put(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
  }
}
