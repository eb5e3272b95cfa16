package org.sharpeyes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.watchlist.WatchlistStatus;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.sims.camera.CameraSimulator;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * Faces end to end, as an operator sees them: a key person's portrait is enrolled over the API (by
 * the city admin); a simulated camera shows that person and someone else walking past; the
 * edge-agent, which had an empty watchlist, receives the new version over MQTT, names the person
 * after confirmation, and the ingest-server raises a {@code watchlist-face} alert whose evidence
 * links the face crop.
 */
abstract class FaceAlertEndToEndContract {

  /** 柳湾广场球机, a camera in 武陵区 (devices.csv). */
  static final String CAMERA = "43070200001310000001";

  static final String PERSON = "KP0001";

  @TempDir Path dir;
  private CameraSimulator camera;
  private RunningPipeline pipeline;

  abstract TestPair pair();

  @AfterEach
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    if (camera != null) {
      camera.close();
    }
  }

  @Test
  void anEnrolledKeyPersonSeenByACameraRaisesAWatchlistFaceAlertWithTheFaceCrop() throws Exception {
    byte[] watched = SamplePhotos.portrait(6, 1);
    Path watchedFile = Files.write(dir.resolve("watched.jpg"), watched);
    Path otherFile = SamplePhotos.portraitFile(3, 0, dir.resolve("other.jpg"));
    Path models = SamplePhotos.dir();
    SamplePhotos.embeddingModel();
    camera =
        new CameraSimulator(
            new Scene(
                1280,
                720,
                List.of(
                    new Walker(
                        watchedFile,
                        PERSON,
                        Duration.ZERO,
                        Duration.ofSeconds(60),
                        0.05,
                        0.35,
                        0.15,
                        0.55),
                    new Walker(
                        otherFile,
                        "visitor",
                        Duration.ZERO,
                        Duration.ofSeconds(60),
                        0.6,
                        0.75,
                        0.2,
                        0.5)),
                11),
            10,
            Duration.ofSeconds(60),
            "/stream.mjpeg");
    int port = camera.start("127.0.0.1", 0);
    pipeline = new RunningPipeline(pair(), dir.resolve("data"), cameraDevice(port, models));

    HttpResponse<String> enrolled =
        pipeline.http.send(
            pipeline
                .requestAs(DemoAccount.CITY_ADMIN, "/api/key-persons/" + PERSON + "/photos")
                .header("content-type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(watched))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
    pipeline.enrolledPhotos.add(json(enrolled.body()).get("sha256").asText());

    await("the edge has the template").atMost(Duration.ofSeconds(60)).until(() -> templates() == 1);
    JsonNode alert =
        await("a watchlist-face alert")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .conditionEvaluationListener(c -> System.out.println(progress()))
            .until(this::faceAlert, a -> a != null);

    assertThat(alert.get("subject").get("key").asText()).isEqualTo(PERSON);
    assertThat(alert.get("severity").asText()).isEqualTo("critical"); // KP0001 is red
    JsonNode detail = pipeline.getJson("/api/alerts/" + alert.get("id").asText());
    assertThat(detail.get("person").get("id").asText()).isEqualTo(PERSON);
    String snapshot = detail.get("evidence").get(0).get("snapshot").asText();
    HttpResponse<byte[]> crop =
        await("the face crop is served")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    pipeline.http.send(
                        pipeline.request(snapshot).build(),
                        HttpResponse.BodyHandlers.ofByteArray()),
                r -> r.statusCode() == 200);
    assertThat(crop.headers().firstValue("content-type")).contains("image/jpeg");
    try (BytePointer bytes = new BytePointer(crop.body());
        Mat raw = new Mat(1, crop.body().length, opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(raw, IMREAD_COLOR)) {
      assertThat(image.cols()).isEqualTo(112); // the aligned crop the template was computed from
      assertThat(image.rows()).isEqualTo(112);
    }
  }

  private String progress() {
    var status = pipeline.agent().status();
    return "camera frames="
        + camera.frames()
        + " viewers="
        + camera.viewers()
        + " | edge "
        + status.devices()
        + " | watchlist "
        + status.watchlist()
        + " | "
        + pipeline
            .agent()
            .meters()
            .scrape()
            .lines()
            .filter(l -> l.startsWith("sharpeyes_edge_camera"))
            .map(l -> l.replaceAll("\\{.*\\}", ""))
            .toList();
  }

  private int templates() {
    WatchlistStatus w = pipeline.agent().status().watchlist();
    return w == null ? 0 : w.templates().values().stream().mapToInt(Integer::intValue).sum();
  }

  private JsonNode faceAlert() throws Exception {
    for (JsonNode a : pipeline.getJson("/api/alerts?region=430702").get("alerts")) {
      if (a.get("rule").asText().equals("watchlist-face")) {
        return a;
      }
    }
    return null;
  }

  private static JsonNode json(String body) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
  }

  private static DeviceConfig cameraDevice(int port, Path models) {
    CameraAdapterConfig config =
        new CameraAdapterConfig(
            "http://127.0.0.1:" + port + "/stream.mjpeg",
            false,
            5,
            0,
            Duration.ofSeconds(5),
            new Backoff.Bounds(Duration.ofMillis(100), Duration.ofSeconds(1)),
            CameraAdapterConfig.Motion.DEFAULTS,
            new CameraAdapterConfig.Faces(
                models.resolve("blazeface-short-range.tflite"),
                0.5,
                models.resolve("fr-feature-512.onnx"),
                "fr-feature-512",
                Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65),
                3,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                0));
    return new DeviceConfig(CAMERA, "柳湾广场球机", new GeoPoint(29.04, 111.69), config);
  }
}
