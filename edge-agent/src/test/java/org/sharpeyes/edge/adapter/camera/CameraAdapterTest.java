package org.sharpeyes.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.runtime.Backoff;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.schema.event.FaceMatched;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.LbphFaceEmbedder;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;
import org.sharpeyes.vision.testing.SamplePhotos;

/** The camera adapter on a video file made from a sample group photo, one of whom is watched. */
class CameraAdapterTest {

  private static final String CAMERA_ID = "43070200001320000001";

  @TempDir Path dir;
  private final RecordingSink sink = new RecordingSink();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private CameraAdapter adapter;

  @AfterEach
  void stop() throws Exception {
    if (adapter != null) {
      adapter.stop().get(20, TimeUnit.SECONDS);
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  private CameraAdapterConfig config(Path video, Path embedderModel) {
    return new CameraAdapterConfig(
        video.toString(),
        false,
        5,
        0,
        Duration.ofSeconds(5),
        new Backoff.Bounds(Duration.ofMillis(100), Duration.ofSeconds(1)),
        CameraAdapterConfig.Motion.DEFAULTS,
        new CameraAdapterConfig.Faces(
            SamplePhotos.blazeFace(),
            0.5,
            embedderModel,
            "fr-feature-512",
            Map.of("red", 0.6),
            3,
            5,
            Duration.ofSeconds(2),
            Duration.ofMinutes(1),
            0));
  }

  private CameraAdapter adapter(CameraAdapterConfig config, FaceMatcher watchlist) {
    return adapter(config, watchlist, blocking);
  }

  private CameraAdapter adapter(
      CameraAdapterConfig config, FaceMatcher watchlist, ExecutorService blocking) {
    AdapterContext context =
        AdapterContext.builder("edge-test", sink)
            .eventIds(EventIds.system())
            .meters(new SimpleMeterRegistry())
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .build();
    return new CameraAdapter(
        new DeviceConfig(CAMERA_ID, "entrance", null, config), config, context, () -> watchlist);
  }

  @Test
  void theWatchedPersonWalkingPastTheCameraBecomesOneFaceMatchedEventWithItsCrop()
      throws Exception {
    Mat photo = new Mat();
    try (Mat full = imread(SamplePhotos.groupPhotos().get(5).toString())) {
      resize(full, photo, new Size(960, full.rows() * 960 / full.cols()));
    }
    FaceMatcher watchlist;
    try (var detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
        FaceEmbedder embedder =
            OnnxFaceEmbedder.load(SamplePhotos.embeddingModel(), "fr-feature-512")) {
      FaceBox watched = detector.detect(photo).get(0);
      watchlist =
          new FaceMatcher(
              "fr-feature-512",
              512,
              List.of(
                  new FaceTemplate(
                      "p-0001", 0.6, "fr-feature-512", embedder.embed(photo, watched))));
    }
    Path video = TestVideos.groupWalk(dir.resolve("entrance.mp4"), photo);
    photo.close();

    adapter = adapter(config(video, SamplePhotos.embeddingModel()), watchlist);
    adapter.start().get(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "end of file".equals(adapter.status().lastError()));
    List<RecordingSink.Offer> offers = sink.offers();
    assertThat(offers)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.event().data()).isInstanceOf(FaceMatched.class);
              FaceMatched m = (FaceMatched) o.event().data();
              assertThat(m.personId()).isEqualTo("p-0001");
              assertThat(m.modelId()).isEqualTo("fr-feature-512");
              assertThat(m.framesUsed()).isGreaterThanOrEqualTo(3);
              assertThat(m.similarity()).isGreaterThanOrEqualTo(0.6);
              assertThat(o.event().deviceId()).isEqualTo(CAMERA_ID);
              assertThat(o.snapshot()).isNotEmpty();
              assertThat(m.snapshot().sizeBytes()).isEqualTo(o.snapshot().length);
            });
    assertThat(adapter.counters().analysed()).isBetween(14L, 16L);
    assertThat(adapter.counters().detectorCalls()).isGreaterThanOrEqualTo(3);
    assertThat(adapter.status().lastError()).isEqualTo("end of file");
  }

  @Test
  void aBrokenEmbeddingModelFileFailsTheStartWithWhatIsWrong() throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("box.mp4"), 320, 180, 25, 1);
    Path broken = java.nio.file.Files.writeString(dir.resolve("broken.onnx"), "not a model");
    adapter = adapter(config(video, broken), null);

    var started = adapter.start();

    await().until(started::isDone);
    assertThat(started).isCompletedExceptionally();
    assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.ERROR);
    assertThat(adapter.status().lastError())
        .contains("OpenCV cannot load the face embedding model")
        .contains("broken.onnx");
  }

  @Test
  void aBrokenModelFileFailsTheStartOffTheCallersThreadWithAMessageNamingTheFile()
      throws Exception {
    Path video = TestVideos.movingBox(dir.resolve("box.mp4"), 320, 180, 25, 1);
    Path broken = Files.writeString(dir.resolve("broken.onnx"), "not a model");
    ExecutorService work = Executors.newSingleThreadExecutor(NamedThreads.daemon("camera-work"));
    CountDownLatch workerBusy = new CountDownLatch(1);
    work.execute(() -> awaitQuietly(workerBusy)); // the model loading queues behind this
    AtomicReference<String> endedOn = new AtomicReference<>();
    try {
      adapter = adapter(config(video, broken), null, work);

      CompletableFuture<Void> started = adapter.start();
      started.whenComplete((v, e) -> endedOn.set(Thread.currentThread().getName()));

      assertThat(started).as("start() returned before the models were loaded").isNotDone();
      workerBusy.countDown();
      assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS))
          .cause()
          .hasMessageContaining("OpenCV cannot load the face embedding model")
          .hasMessageContaining(broken.toString());
      await().until(() -> endedOn.get() != null);
      assertThat(endedOn.get())
          .startsWith("camera-work-")
          .isNotEqualTo(Thread.currentThread().getName());
      assertThat(adapter.status().runtimeState()).isEqualTo(RuntimeState.STOPPED);
      assertThat(adapter.status().connectionState()).isEqualTo(ConnectionState.ERROR);
      assertThat(adapter.status().lastError())
          .contains("OpenCV cannot load the face embedding model")
          .contains(broken.toString());
    } finally {
      if (adapter != null) { // null when the test was skipped for want of the models
        adapter.stop().get(10, TimeUnit.SECONDS);
        adapter = null;
      }
      work.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void withNoEmbeddingModelTheCameraRunsOnTheLbphFallbackAndStillNamesThePerson() throws Exception {
    Mat photo = new Mat();
    try (Mat full = imread(SamplePhotos.groupPhotos().get(5).toString())) {
      resize(full, photo, new Size(960, full.rows() * 960 / full.cols()));
    }
    FaceMatcher watchlist;
    try (var detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
        FaceEmbedder lbph = new LbphFaceEmbedder()) {
      float[] template = lbph.embed(photo, detector.detect(photo).get(0));
      watchlist =
          new FaceMatcher(
              LbphFaceEmbedder.MODEL_ID,
              template.length,
              List.of(
                  new FaceTemplate(
                      "p-0001",
                      LbphFaceEmbedder.THRESHOLDS.get("red"),
                      LbphFaceEmbedder.MODEL_ID,
                      template)));
    }
    Path video = TestVideos.groupWalk(dir.resolve("entrance.mp4"), photo);
    photo.close();

    adapter = adapter(config(video, dir.resolve("missing.onnx")), watchlist);
    adapter.start().get(10, TimeUnit.SECONDS);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "end of file".equals(adapter.status().lastError()));
    assertThat(sink.offers())
        .singleElement()
        .satisfies(
            o -> {
              FaceMatched m = (FaceMatched) o.event().data();
              assertThat(m.personId()).isEqualTo("p-0001");
              assertThat(m.modelId()).isEqualTo(LbphFaceEmbedder.MODEL_ID);
            });
  }
}
