package org.sharpeyes.edge.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.builtin.BuiltInAdapters;
import org.sharpeyes.edge.adapter.camera.TestVideos;
import org.sharpeyes.edge.config.EdgeAgentConfigLoader;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.sims.gate.GateSimulatorExtension;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * An outbox that cannot keep up refuses an event the same way whichever kind of device it came
 * from: one offer path counts it, names it and keeps the reason, and a device that waits for an
 * answer is told to retry later.
 */
class OutboxRefusalTest {

  static final String OUTBOX_BEHIND =
      "the outbox cannot keep up with its disk (4096 events waiting to be written) — retry later";
  static final String PLATE_READER = "43070200001320000101";
  static final String CAMERA = "43070200001320000001";
  static final String CONTROLLER = "43070200001170000001";
  static final String DOOR = "43070200001340000001";

  @RegisterExtension
  static GateSimulatorExtension gate = GateSimulatorExtension.builder().doors(1).build();

  @TempDir Path dir;
  private final RecordingSink outbox = new RecordingSink();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final AdapterContext context =
      AdapterContext.builder("edge-test", outbox)
          .meters(meters)
          .io(io)
          .scheduler(scheduler)
          .blocking(blocking)
          .build();
  private final List<DeviceAdapter> adapters = new ArrayList<>();

  OutboxRefusalTest() {
    outbox.refuseWith(OUTBOX_BEHIND);
  }

  @AfterEach
  void release() throws Exception {
    for (DeviceAdapter adapter : adapters) {
      adapter.stop().get(20, TimeUnit.SECONDS);
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  @Test
  void aPlateReadTheOutboxCannotKeepIsAnswered503WithItsReasonAndCountedAsRefused()
      throws Exception {
    DeviceAdapter reader = started(PLATE_READER, "plate-reader", "plateHttp: { port: 0 }");

    HttpResponse<String> answer = postRead(reader.listenPort().getAsInt());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(new ObjectMapper().readTree(answer.body()).get("error").asText())
        .isEqualTo(OUTBOX_BEHIND);
    assertRefusedInTheSameWords(reader, "vehicle.sighted of plate reader " + PLATE_READER);
  }

  @Test
  void aDoorEventTheOutboxCannotKeepIsCountedAsRefusedInTheSameWords() throws Exception {
    DeviceAdapter controller =
        started(
            CONTROLLER,
            "gate",
            "gate:",
            "  endpoint: " + gate.endpointUrl(),
            "  pkiDir: " + dir.resolve("pki"),
            "  profile: sharpeyes-gate-sim");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> controller.status().connectionState() == ConnectionState.CONNECTED);

    gate.simulator().present(1, "CARD-000132");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> controller.status().counters().eventsRefused() == 1);
    assertRefusedInTheSameWords(controller, "door.access of door " + DOOR);
  }

  @Test
  void aFaceTheOutboxCannotKeepIsCountedAsRefusedInTheSameWords() throws Exception {
    Path video = TestVideos.groupWalk(dir.resolve("entrance.mp4"));
    DeviceAdapter camera =
        started(
            CAMERA,
            "camera",
            "camera:",
            "  source: " + video,
            "  loop: true",
            "  faces:",
            "    detectorModel: " + SamplePhotos.blazeFace(),
            "    embedderModel: " + SamplePhotos.embeddingModel());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> camera.status().counters().eventsRefused() > 0);
    assertRefusedInTheSameWords(camera, "face.captured of camera " + CAMERA);
  }

  /** The adapter, stopped so that its counts hold still, refused every event it offered alike. */
  private void assertRefusedInTheSameWords(DeviceAdapter adapter, String event) throws Exception {
    adapter.stop().get(20, TimeUnit.SECONDS);
    AdapterStatus status = adapter.status();
    assertThat(status.lastError()).isEqualTo(event + " not kept: " + OUTBOX_BEHIND);
    assertThat(status.counters().eventsAccepted()).isZero();
    assertThat(status.counters().eventsRefused()).isPositive();
    assertThat(
            meters
                .get("sharpeyes.edge.device.faults")
                .tag("device", adapter.device().id())
                .tag("kind", "sink-refused")
                .counter()
                .count())
        .isEqualTo(status.counters().eventsRefused());
    assertThat(outbox.offers()).isEmpty();
  }

  /** A device read from YAML as the agent reads it, its adapter made by the registry, started. */
  private DeviceAdapter started(String id, String kind, String... section) throws Exception {
    StringBuilder yaml =
        new StringBuilder(
            """
            edgeId: edge-test
            broker: { url: tcp://127.0.0.1:1883 }
            devices:
              - id: "%s"
                kind: %s
            """
                .formatted(id, kind));
    for (String line : section) {
      yaml.append("    ").append(line).append('\n');
    }
    DeviceConfig device = EdgeAgentConfigLoader.parse(yaml.toString()).orThrow().devices().get(0);
    DeviceAdapter adapter = BuiltInAdapters.CATALOG.create(device, context);
    adapters.add(adapter);
    adapter.start().get(20, TimeUnit.SECONDS);
    return adapter;
  }

  private static HttpResponse<String> postRead(int port) throws Exception {
    String read =
        "{\"plate\":\"湘J·A1234\",\"color\":\"蓝\",\"time\":\"2026-11-27T10:15:30+08:00\","
            + "\"confidence\":0.93}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/plates"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(read))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
