package org.sharpeyes.edge.adapter.viid;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.detection.FaceDetectors;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.FaceEmbedders;
import org.sharpeyes.vision.matching.FaceMatcher;

/**
 * Face analysis of GA/T 1400 captures with the edge's own models: the device's face picture is
 * decoded, its largest face detected and embedded, matched against the watchlist of the embedder's
 * model, and put through {@link ViidFaceConfirmer}. A confirmed person becomes {@code
 * face.matched}; anything else {@code face.captured} (quality: the detector's score). Models are
 * loaded once, on the blocking executor, and used one capture at a time there (they are not
 * thread-safe).
 */
final class ViidFaceAnalysis implements ViidFaces {

  /** The smallest face the cascade fallback looks for, as a fraction of the shorter side. */
  static final double CASCADE_MIN_FACE = 0.05;

  /** Captures waiting for analysis at most; beyond, they are stored as captured unanalysed. */
  static final int MAX_PENDING = 256;

  private final FaceDetector detector;
  private final FaceEmbedder embedder;
  private final Supplier<FaceMatcher> watchlist;
  private final ViidFaceConfirmer confirmer;
  private final ViidEventMapper mapper;
  private final Executor blocking;
  private final AtomicInteger pending = new AtomicInteger();
  private CompletableFuture<?> lane = CompletableFuture.completedFuture(null);
  private boolean closed; // read and written only in the lane

  private ViidFaceAnalysis(
      FaceDetector detector,
      FaceEmbedder embedder,
      Supplier<FaceMatcher> watchlist,
      ViidFaceConfirmer confirmer,
      ViidEventMapper mapper,
      Executor blocking) {
    this.detector = detector;
    this.embedder = embedder;
    this.watchlist = watchlist;
    this.confirmer = confirmer;
    this.mapper = mapper;
    this.blocking = blocking;
  }

  /**
   * Loads the models (blocking: call it on the blocking executor).
   *
   * @throws IllegalArgumentException naming a model file that cannot be loaded
   */
  static ViidFaceAnalysis load(
      ViidFaceSettings s,
      Supplier<FaceMatcher> watchlist,
      ViidEventMapper mapper,
      Executor blocking) {
    FaceDetector detector = FaceDetectors.open(s.detectorModel(), s.minScore(), CASCADE_MIN_FACE);
    FaceEmbedder embedder;
    try {
      embedder = FaceEmbedders.open(s.embedderModel(), s.embedderModelId());
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
    ViidFaceConfirmer confirmer =
        new ViidFaceConfirmer(
            s.confirmCaptures(), s.confirmWithin(), s.strictThreshold(), s.cooldown());
    return new ViidFaceAnalysis(detector, embedder, watchlist, confirmer, mapper, blocking);
  }

  @Override
  public CompletionStage<Outcome> analyse(ViidObject.Face face) {
    if (face.faceJpeg() == null) {
      return CompletableFuture.completedFuture(
          new Outcome(mapper.captured(face, 0), "stored as face.captured (no face picture sent)"));
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      return CompletableFuture.completedFuture(
          new Outcome(
              mapper.captured(face, 0),
              "stored as face.captured (face analysis busy: " + MAX_PENDING + " waiting)"));
    }
    CompletableFuture<Outcome> result;
    synchronized (this) {
      // One lane: each capture runs after the previous one, on the blocking executor, so a burst
      // waits as queued futures, not as threads blocked on the models.
      CompletableFuture<Outcome> analysed;
      try {
        analysed = lane.handle((v, e) -> null).thenApplyAsync(v -> analyseNow(face), blocking);
      } catch (RuntimeException e) { // the executor refused: the agent is stopping
        analysed = CompletableFuture.failedFuture(e);
      }
      result =
          analysed.handle(
              (outcome, e) -> {
                pending.decrementAndGet();
                return e == null
                    ? outcome
                    : new Outcome(
                        mapper.captured(face, 0),
                        "stored as face.captured (analysis failed: " + e.getMessage() + ")");
              });
      lane = result;
    }
    return result;
  }

  private Outcome analyseNow(ViidObject.Face face) {
    if (closed) {
      return new Outcome(mapper.captured(face, 0), "stored as face.captured (edge stopping)");
    }
    byte[] jpeg = face.faceJpeg();
    try (BytePointer bytes = new BytePointer(jpeg);
        Mat raw = new Mat(1, jpeg.length, opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(raw, IMREAD_COLOR)) {
      if (image == null || image.empty()) {
        return new Outcome(
            mapper.captured(face, 0), "stored as face.captured (picture not decodable)");
      }
      List<FaceBox> faces = detector.detect(image);
      Optional<FaceBox> largest = faces.stream().max(Comparator.comparingDouble(FaceBox::area));
      if (largest.isEmpty()) {
        return new Outcome(
            mapper.captured(face, 0),
            "stored as face.captured (no face found by " + detector.modelId() + ")");
      }
      FaceBox box = largest.get();
      FaceMatcher matcher = watchlist.get();
      if (matcher == null || matcher.size() == 0 || !matcher.modelId().equals(embedder.modelId())) {
        return new Outcome(
            mapper.captured(face, box.score()), "stored as face.captured (no watchlist yet)");
      }
      Optional<FaceMatcher.Match> match = matcher.best(embedder.embed(image, box));
      if (match.isEmpty()) {
        return new Outcome(mapper.captured(face, box.score()), "stored as face.captured");
      }
      Optional<ViidFaceConfirmer.Confirmed> who =
          confirmer.onCapture(face.deviceId(), face.trackId(), face.shotTime(), match.get());
      if (who.isEmpty()) {
        return new Outcome(
            mapper.captured(face, box.score()),
            "stored as face.captured (a match waits for confirmation)");
      }
      ViidFaceConfirmer.Confirmed c = who.get();
      return new Outcome(
          mapper.matched(
              face,
              c.personId(),
              c.similarity(),
              c.threshold(),
              embedder.modelId(),
              c.captures(),
              face.shotTime()),
          "stored as face.matched");
    }
  }

  /** Closes the models once the captures already queued are done (in the lane, after them). */
  @Override
  public synchronized void close() {
    lane =
        lane.handle((v, e) -> null)
            .thenRun(
                () -> {
                  closed = true;
                  detector.close();
                  embedder.close();
                });
  }
}
