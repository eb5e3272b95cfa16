package org.sharpeyes.vision.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.CascadeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * The embedding model on the frontal faces of the sample group photos: a face stays closer to
 * itself mirrored, brightened or at half resolution than to anyone else.
 */
class FaceEmbedderTest {

  private static FaceDetector detector;
  private static FaceDetector frontal;
  private static FaceEmbedder embedder;

  @BeforeAll
  static void open() {
    detector = BlazeFaceDetector.load(SamplePhotos.blazeFace(), 0.5);
    frontal = CascadeFaceDetector.frontalFace(0.05);
    embedder = OnnxFaceEmbedder.load(SamplePhotos.embeddingModel(), "fr-feature-512");
  }

  @AfterAll
  static void close() {
    for (AutoCloseable c : new AutoCloseable[] {detector, frontal, embedder}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A changed copy of a frame, and where a face of the original is in it. */
  private record Variant(
      String name, UnaryOperator<Mat> change, BiFunction<FaceBox, Integer, FaceBox> move) {}

  private static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "mirrored",
              m -> {
                Mat out = new Mat();
                flip(m, out, 1);
                return out;
              },
              FaceEmbedderTest::mirrored),
          new Variant(
              "brighter",
              m -> {
                Mat out = new Mat();
                m.convertTo(out, -1, 1.0, 40);
                return out;
              },
              (f, width) -> f),
          new Variant(
              "half resolution",
              m -> {
                Mat out = new Mat();
                resize(m, out, new Size(m.cols() / 2, m.rows() / 2));
                return out;
              },
              (f, width) -> scaled(f, 0.5)));

  @Test
  void sameFaceMirroredBrightenedOrAtHalfResolutionStaysCloserThanAnyTwoDifferentFaces() {
    Similarities s = similarities(embedder, true, VARIANTS);

    assertThat(s.faces()).as("frontal faces in the sample photos").isGreaterThanOrEqualTo(8);
    assertThat(s.same().getMin())
        .as("the least similar copy of a face, against the most similar two different faces")
        .isGreaterThan(s.different().getMax());
  }

  @Test
  void withNoModelFilesTheCascadeAndLbphStillTellAFaceFromTheOthers() {
    // The fallback path: no BlazeFace (the cascade's boxes, no keypoints), no DNN (LBPH).
    try (FaceEmbedder lbph = FaceEmbedders.open(Path.of("/nonexistent/model.onnx"), "unused")) {
      assertThat(lbph.modelId()).isEqualTo(LbphFaceEmbedder.MODEL_ID);

      Similarities s = similarities(lbph, false, VARIANTS.subList(1, 3));

      assertThat(s.faces()).isGreaterThanOrEqualTo(8);
      assertThat(s.same().getAverage()).isGreaterThan(s.different().getMax());
      assertThat(s.same().getMin()).isGreaterThan(s.different().getAverage());
    }
  }

  private record Similarities(
      int faces, DoubleSummaryStatistics same, DoubleSummaryStatistics different) {}

  /**
   * Each frontal face of the sample photos against its changed copies, and every two different
   * faces against each other.
   *
   * @param keypoints whether faces are taken from BlazeFace (with keypoints), else from the cascade
   */
  private static Similarities similarities(
      FaceEmbedder embedder, boolean keypoints, List<Variant> variants) {
    List<float[]> originals = new ArrayList<>();
    List<Double> same = new ArrayList<>();
    for (Path photo : SamplePhotos.groupPhotos()) {
      try (Mat frame = imread(photo.toString())) {
        // Faces turned well away are left out, as enrolment photos are frontal: the ones the
        // frontal cascade finds too.
        List<FaceBox> cascade = frontal.detect(frame);
        List<FaceBox> faces =
            keypoints
                ? detector.detect(frame).stream()
                    .filter(f -> cascade.stream().anyMatch(c -> c.iou(f) >= 0.3))
                    .toList()
                : cascade;
        List<float[]> templates = faces.stream().map(f -> embedder.embed(frame, f)).toList();
        originals.addAll(templates);
        for (Variant v : variants) {
          try (Mat changed = v.change().apply(frame)) {
            for (int i = 0; i < faces.size(); i++) {
              FaceBox moved = v.move().apply(faces.get(i), frame.cols());
              same.add(FaceEmbedder.similarity(templates.get(i), embedder.embed(changed, moved)));
            }
          }
        }
      }
    }
    List<Double> different = new ArrayList<>();
    for (int i = 0; i < originals.size(); i++) {
      for (int j = i + 1; j < originals.size(); j++) {
        different.add(FaceEmbedder.similarity(originals.get(i), originals.get(j)));
      }
    }
    DoubleSummaryStatistics s = same.stream().mapToDouble(d -> d).summaryStatistics();
    DoubleSummaryStatistics d = different.stream().mapToDouble(x -> x).summaryStatistics();
    System.out.printf("%s same face: %s%ndifferent faces: %s%n", embedder.modelId(), s, d);
    return new Similarities(originals.size(), s, d);
  }

  /** The face in the mirrored frame: x flipped, and the eyes and ears swap sides. */
  private static FaceBox mirrored(FaceBox f, int width) {
    List<FaceBox.Point> k = f.keypoints();
    int[] order = {1, 0, 2, 3, 5, 4};
    List<FaceBox.Point> flipped = new ArrayList<>();
    for (int i : order) {
      flipped.add(new FaceBox.Point(width - 1 - k.get(i).x(), k.get(i).y()));
    }
    return new FaceBox(width - f.x() - f.width(), f.y(), f.width(), f.height(), f.score(), flipped);
  }

  private static FaceBox scaled(FaceBox f, double by) {
    return new FaceBox(
        f.x() * by,
        f.y() * by,
        f.width() * by,
        f.height() * by,
        f.score(),
        f.keypoints().stream().map(p -> new FaceBox.Point(p.x() * by, p.y() * by)).toList());
  }
}
