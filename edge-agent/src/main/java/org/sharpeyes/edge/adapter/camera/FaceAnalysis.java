package org.sharpeyes.edge.adapter.camera;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.MatchConfirmer;

/**
 * What happens to each analysed frame of one camera, on its stream thread: the motion gate first (a
 * still frame costs no detector call, unless a face was found within the hold: a face in view keeps
 * the detector on, as a tracked object does in Frigate, so a person who stands still is still
 * confirmed); then faces are detected, embedded and matched against the watchlist of the embedder's
 * model; matches go through the multi-frame confirmation, and a confirmed person is reported with
 * an aligned crop of their best face. Faces that match nobody are reported as captured, at most
 * {@code capturedPerMinute} a minute (0 turns them off).
 */
final class FaceAnalysis implements CameraStream.FrameSink {

  /** Where the findings go (they become events). Called on the stream thread. */
  interface Findings {
    void matched(MatchConfirmer.Confirmed who, String modelId, byte[] cropJpeg, Instant at);

    void captured(FaceBox face, byte[] cropJpeg, Instant at);
  }

  private static final int JPEG_QUALITY = 90;

  private final MotionGate gate;
  private final Duration hold;
  private Instant detectUntil = Instant.MIN;
  private final FaceDetector detector;
  private final FaceEmbedder embedder;
  private final Supplier<FaceMatcher> watchlist;
  private final MatchConfirmer confirmer;
  private final int capturedPerMinute;
  private final Findings findings;
  private final CameraCounters counters;
  private Instant capturedMinute = Instant.EPOCH;
  private int capturedInMinute;

  /**
   * @param gate the motion gate, or {@code null} to analyse every frame
   * @param hold after motion, frames are still searched for this long even when nothing moves, so
   *     that a person who stops in front of the camera can still be confirmed
   * @param watchlist the current watchlist matcher (it changes when a new version arrives)
   */
  FaceAnalysis(
      MotionGate gate,
      Duration hold,
      FaceDetector detector,
      FaceEmbedder embedder,
      Supplier<FaceMatcher> watchlist,
      MatchConfirmer confirmer,
      int capturedPerMinute,
      Findings findings,
      CameraCounters counters) {
    this.gate = gate;
    this.hold = hold;
    this.detector = detector;
    this.embedder = embedder;
    this.watchlist = watchlist;
    this.confirmer = confirmer;
    this.capturedPerMinute = capturedPerMinute;
    this.findings = findings;
    this.counters = counters;
  }

  @Override
  public void onFrame(Mat bgr, Instant at) {
    if (gate != null) {
      if (gate.check(bgr).moving()) {
        detectUntil = at.plus(hold);
      } else if (at.isAfter(detectUntil)) {
        counters.stillFrames.incrementAndGet();
        return; // nothing moved for a while: nothing new to see, nothing for the confirmation
      }
    }
    long start = System.nanoTime();
    List<FaceBox> faces = detector.detect(bgr);
    counters.detectorCalls.incrementAndGet();
    counters.detectorNanos.addAndGet(System.nanoTime() - start);
    if (faces.isEmpty()) {
      confirmer.onFrame(at, List.of());
      return;
    }
    if (gate != null) {
      detectUntil = at.plus(hold); // a face in view keeps the detector on
    }
    FaceMatcher matcher = watchlist.get();
    boolean comparable =
        matcher != null && matcher.size() > 0 && matcher.modelId().equals(embedder.modelId());
    List<FaceMatcher.Match> matches = new ArrayList<>();
    Map<String, Best> best = new HashMap<>();
    for (FaceBox face : faces) {
      Optional<FaceMatcher.Match> match =
          comparable ? matcher.best(embedder.embed(bgr, face)) : Optional.empty();
      if (match.isPresent()) {
        FaceMatcher.Match m = match.get();
        matches.add(m);
        best.merge(
            m.personId(),
            new Best(face, m.similarity()),
            (a, b) -> a.similarity >= b.similarity ? a : b);
      } else if (capturedAllowed(at)) {
        findings.captured(face, jpeg(bgr, face), at);
      }
    }
    for (MatchConfirmer.Confirmed who : confirmer.onFrame(at, matches)) {
      findings.matched(who, embedder.modelId(), jpeg(bgr, best.get(who.personId()).face), at);
    }
  }

  private record Best(FaceBox face, double similarity) {}

  private boolean capturedAllowed(Instant at) {
    if (capturedPerMinute <= 0) {
      return false;
    }
    if (!at.isBefore(capturedMinute.plus(Duration.ofMinutes(1)))) {
      capturedMinute = at;
      capturedInMinute = 0;
    }
    return capturedInMinute++ < capturedPerMinute;
  }

  private byte[] jpeg(Mat bgr, FaceBox face) {
    try (Mat crop = embedder.crop(bgr, face);
        BytePointer buffer = new BytePointer();
        IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY)) {
      if (!imencode(".jpg", crop, buffer, params)) {
        return null;
      }
      byte[] bytes = new byte[(int) buffer.limit()];
      buffer.get(bytes);
      return bytes;
    }
  }
}
