package org.sharpeyes.it.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.camera.CameraAdapter;
import org.sharpeyes.edge.adapter.camera.CameraAdapterConfig;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.sims.camera.CameraSimulator;
import org.sharpeyes.sims.camera.Scene;
import org.sharpeyes.sims.camera.Walker;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * The camera adapter against real network streams from the camera simulator: MJPEG over HTTP, with
 * two people walking through the scene, one of them on the watchlist, and the stream cut mid-run;
 * and H.264 in MPEG-TS over HTTP.
 */
class CameraOverHttpIT {

  private static final String MODEL_ID = "fr-feature-512";

  @TempDir Path dir;
  private final List<EdgeEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private CameraSimulator camera;
  private CameraAdapter adapter;

  @AfterEach
  void stop() throws Exception {
    if (adapter != null) {
      adapter.stop().get(20, TimeUnit.SECONDS);
    }
    if (camera != null) {
      camera.close();
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  /**
   * Starts a camera in which the watched person walks (and someone else, when asked), and returns a
   * watchlist holding the watched person's template.
   */
  private FaceMatcher startCamera(boolean withSomebodyElse) throws Exception {
    Path watched = SamplePhotos.portraitFile(6, 1, dir.resolve("watched.jpg"));
    List<Walker> walkers = new java.util.ArrayList<>();
    walkers.add(
        new Walker(
            watched, "p-0001", Duration.ZERO, Duration.ofSeconds(60), 0.05, 0.35, 0.15, 0.55));
    if (withSomebodyElse) {
      Path other = SamplePhotos.portraitFile(3, 0, dir.resolve("other.jpg"));
      walkers.add(
          new Walker(
              other, "somebody", Duration.ZERO, Duration.ofSeconds(60), 0.6, 0.75, 0.2, 0.5));
    }
    camera =
        new CameraSimulator(
            new Scene(1280, 720, walkers, 7), 10, Duration.ofSeconds(20), "/stream.mjpeg");
    camera.start("127.0.0.1", 0);
    return new FaceMatcher(
        MODEL_ID, 512, List.of(new FaceTemplate("p-0001", 0.55, MODEL_ID, template(watched))));
  }

  private static float[] template(Path portrait) {
    try (var detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
        var embedder = OnnxFaceEmbedder.load(SamplePhotos.embeddingModel(), MODEL_ID);
        Mat image = imread(portrait.toString())) {
      return embedder.embed(image, detector.detect(image).get(0));
    }
  }

  @Test
  void theWatchlistedWalkerIsMatchedAndMatchingGoesOnAfterTheStreamIsCut() throws Exception {
    FaceMatcher watchlist = startCamera(true);

    adapter = adapter("http://127.0.0.1:" + camera.port() + "/stream.mjpeg", watchlist);
    adapter.start().get(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(30))
        .conditionEvaluationListener(c -> System.out.println(progress()))
        .until(() -> matched().size() >= 1);
    assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    int before = matched().size();
    long reconnectsBefore = adapter.counters().reconnects();

    camera.dropViewers();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> adapter.counters().reconnects() > reconnectsBefore);
    await().atMost(Duration.ofSeconds(30)).until(() -> matched().size() > before);
    assertThat(matched()).allSatisfy(m -> assertThat(m.personId()).isEqualTo("p-0001"));
    assertThat(adapter.counters().detectorCalls()).isPositive();
  }

  @Test
  void theWatchlistedWalkerIsMatchedOverAnH264MpegTsStreamToo() throws Exception {
    FaceMatcher watchlist = startCamera(false);

    adapter = adapter("http://127.0.0.1:" + camera.port() + "/stream.ts", watchlist);
    adapter.start().get(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(40))
        .conditionEvaluationListener(c -> System.out.println(progress()))
        .until(() -> matched().size() >= 1);
    assertThat(matched()).allSatisfy(m -> assertThat(m.personId()).isEqualTo("p-0001"));
    assertThat(adapter.counters().decodeErrors()).isZero();
  }

  private String progress() {
    var c = adapter.counters();
    return "camera frames="
        + camera.frames()
        + " viewers="
        + camera.viewers()
        + " | adapter "
        + adapter.status().connectionState()
        + " decoded="
        + c.decoded()
        + " analysed="
        + c.analysed()
        + " still="
        + c.stillFrames()
        + " detector="
        + c.detectorCalls()
        + " reconnects="
        + c.reconnects()
        + " lastError="
        + adapter.status().lastError()
        + " events="
        + events.size();
  }

  private List<FaceMatched> matched() {
    return events.stream()
        .filter(e -> e.data() instanceof FaceMatched)
        .map(e -> (FaceMatched) e.data())
        .toList();
  }

  private CameraAdapter adapter(String source, FaceMatcher watchlist) {
    CameraAdapterConfig config =
        new CameraAdapterConfig(
            source,
            false,
            5,
            0,
            Duration.ofSeconds(5),
            new Backoff.Bounds(Duration.ofMillis(100), Duration.ofSeconds(1)),
            CameraAdapterConfig.Motion.DEFAULTS,
            new CameraAdapterConfig.Faces(
                SamplePhotos.blazeFace(),
                0.5,
                SamplePhotos.embeddingModel(),
                MODEL_ID,
                Map.of("red", 0.55),
                3,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                0));
    AdapterContext context =
        AdapterContext.builder(
                "edge-test",
                (event, jpeg) -> {
                  events.add(event);
                  return java.util.concurrent.CompletableFuture.completedFuture(
                      new SinkResult.Accepted(events.size()));
                })
            .eventIds(EventIds.system())
            .meters(new SimpleMeterRegistry())
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .build();
    return new CameraAdapter(
        new DeviceConfig("43070200001320000001", "gate camera", null, config),
        config,
        context,
        () -> watchlist);
  }
}
