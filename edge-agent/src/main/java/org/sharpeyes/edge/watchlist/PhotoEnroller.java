package org.sharpeyes.edge.watchlist;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.detection.FaceDetectors;
import org.sharpeyes.vision.embedding.FaceEmbedder;
import org.sharpeyes.vision.embedding.FaceEmbedders;

/**
 * Computes the template of an enrolment photo with one model group's detector and embedder, the
 * same code the cameras run. The largest face of the photo is taken (the server accepts photos with
 * exactly one face, but another detector may see a face in a poster behind). Not thread-safe.
 */
final class PhotoEnroller implements AutoCloseable {

  /** What enrolling a photo gave. */
  sealed interface Result {}

  record Template(float[] vector) implements Result {}

  record Failed(String reason) implements Result {}

  private final FaceDetector detector;
  private final FaceEmbedder embedder;

  PhotoEnroller(FaceDetector detector, FaceEmbedder embedder) {
    this.detector = detector;
    this.embedder = embedder;
  }

  /**
   * @throws RuntimeException when a model cannot be loaded
   */
  static PhotoEnroller open(ModelGroup group) {
    FaceDetector detector = FaceDetectors.open(group.detectorModel(), group.minScore(), 0.05);
    try {
      return new PhotoEnroller(
          detector, FaceEmbedders.open(group.embedderModel(), group.modelId()));
    } catch (RuntimeException e) {
      detector.close();
      throw e;
    }
  }

  Result enrol(byte[] photo) {
    try (BytePointer bytes = new BytePointer(photo);
        Mat raw = new Mat(1, photo.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(raw, IMREAD_COLOR)) {
      if (image == null || image.empty()) {
        return new Failed("not a decodable image");
      }
      List<FaceBox> faces = detector.detect(image);
      if (faces.isEmpty()) {
        return new Failed("no face found by " + detector.modelId());
      }
      FaceBox face = faces.stream().max(Comparator.comparingDouble(FaceBox::area)).orElseThrow();
      return new Template(embedder.embed(image, face));
    }
  }

  @Override
  public void close() {
    detector.close();
    embedder.close();
  }
}
