package org.sharpeyes.edge.adapter.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.OnnxFaceEmbedder;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;
import org.sharpeyes.vision.matching.MatchConfirmer;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * One camera's analysis on frames made from a sample group photo, in which one of the people is on
 * the watchlist.
 */
class FaceAnalysisTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private FaceDetector detector;
  private FaceEmbedder embedder;
  private Mat photo;
  private FaceBox watched;
  private FaceMatcher watchlist;
  private final CameraCounters counters = new CameraCounters();
  private final List<String> matched = new ArrayList<>();
  private final List<byte[]> crops = new ArrayList<>();
  private final List<FaceBox> captured = new ArrayList<>();

  @BeforeEach
  void enrolOnePersonOfTheGroup() {
    detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
    embedder = OnnxFaceEmbedder.load(SamplePhotos.embeddingModel(), "fr-feature-512");
    photo = imread(SamplePhotos.groupPhotos().get(5).toString());
    List<FaceBox> faces = detector.detect(photo);
    assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
    watched = faces.get(0);
    watchlist =
        new FaceMatcher(
            "fr-feature-512",
            512,
            List.of(
                new FaceTemplate("p-0001", 0.7, "fr-feature-512", embedder.embed(photo, watched))));
  }

  @AfterEach
  void close() {
    // null when the models are not fetched: the test was skipped in enrolOnePersonOfTheGroup
    if (detector != null) {
      detector.close();
    }
    if (embedder != null) {
      embedder.close();
    }
    if (photo != null) {
      photo.close();
    }
  }

  private FaceAnalysis analysis(MotionGate gate, int capturedPerMinute) {
    return new FaceAnalysis(
        gate,
        Duration.ofSeconds(2),
        detector,
        embedder,
        () -> watchlist,
        new MatchConfirmer(3, 5, Duration.ofSeconds(2), Duration.ofMinutes(1), 100),
        capturedPerMinute,
        new FaceAnalysis.Findings() {
          @Override
          public void matched(
              MatchConfirmer.Confirmed who, String modelId, byte[] cropJpeg, Instant at) {
            matched.add(who.personId() + " by " + modelId + " after " + who.framesAgreeing());
            crops.add(cropJpeg);
          }

          @Override
          public void captured(FaceBox face, byte[] cropJpeg, Instant at) {
            captured.add(face);
          }
        },
        counters);
  }

  /** The photo moved right by {@code dx} pixels, as if the camera saw the group walk. */
  private Mat shifted(int dx) {
    Mat out = new Mat();
    copyMakeBorder(photo, out, 0, 0, dx, 0, BORDER_REPLICATE, new Scalar(0, 0, 0, 0));
    return out;
  }

  @Test
  void theWatchlistedPersonIsNamedOnceAfterThreeAgreeingFramesAndTheOthersNever() {
    FaceAnalysis analysis = analysis(null, 0);

    for (int i = 0; i < 6; i++) {
      try (Mat frame = shifted(i * 8)) {
        analysis.onFrame(frame, T0.plusMillis(200L * i));
      }
      if (i == 1) {
        assertThat(matched).as("after two frames").isEmpty();
      }
    }

    assertThat(matched).containsExactly("p-0001 by fr-feature-512 after 3");
    assertThat(crops.get(0)).isNotNull();
    assertThat(crops.get(0)[0] & 0xFF).as("a JPEG").isEqualTo(0xFF);
    assertThat(crops.get(0)[1] & 0xFF).isEqualTo(0xD8);
    assertThat(counters.detectorCalls()).isEqualTo(6);
  }

  @Test
  void facesOfNobodyOnTheWatchlistAreCapturedWithinTheRateLimit() {
    FaceAnalysis analysis = analysis(null, 2);

    for (int i = 0; i < 3; i++) {
      try (Mat frame = shifted(i * 8)) {
        analysis.onFrame(frame, T0.plusMillis(200L * i));
      }
    }

    assertThat(captured).hasSize(2);
    assertThat(captured).noneSatisfy(f -> assertThat(f.iou(watched)).isGreaterThan(0.5));
  }

  @Test
  void framesWithNoMotionAndNoFaceCostNoDetectorCallOnceTheHoldAfterTheLastMotionIsOver() {
    FaceAnalysis analysis = analysis(new MotionGate(160, 25, 0.002), 0);
    try (Mat street =
        new Mat(photo.rows(), photo.cols(), photo.type(), new Scalar(90, 110, 120, 0))) {
      // The first frame counts as motion, which keeps the detector on for the 2 s hold.
      for (int i = 0; i < 10; i++) {
        analysis.onFrame(street, T0.plusMillis(500L * i));
      }
    }

    assertThat(counters.detectorCalls()).as("at 0, 0.5, 1, 1.5 and 2 s").isEqualTo(5);
    assertThat(counters.stillFrames()).isEqualTo(5);
  }

  @Test
  void aFaceInViewKeepsTheDetectorOnWhenNothingMoves() {
    FaceAnalysis analysis = analysis(new MotionGate(160, 25, 0.002), 0);

    for (int i = 0; i < 10; i++) {
      analysis.onFrame(photo, T0.plusMillis(500L * i));
    }

    assertThat(counters.detectorCalls()).isEqualTo(10);
    assertThat(counters.stillFrames()).isZero();
  }
}
