package org.sharpeyes.ingest.watchlist;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.crop.FaceCrops;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.CascadeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.detection.FaceDetectors;

/**
 * Checks an enrolment photo with the edges' own face detector: it must hold exactly one face, large
 * enough to recognise. What is kept is a square crop around that face (twice its width, at most
 * {@link #MAX_SIDE} pixels), so edges receive small JPEGs in which their detector finds the face
 * again. One detector, used by one caller at a time.
 */
final class FaceCheck implements AutoCloseable {

  /** Narrowest face accepted, in pixels of the photo as given. */
  static final int MIN_FACE_WIDTH = 48;

  static final int MAX_SIDE = 320;
  private static final double CROP_FACTOR = 2.0;

  /** What a check gave. */
  sealed interface Result {}

  /** The crop to keep. */
  record Accepted(byte[] jpeg, double score, int faceWidth) implements Result {}

  /** Why the photo cannot be enrolled, said so that the operator knows what to do. */
  record Refused(String reason) implements Result {}

  private final Supplier<FaceDetector> opener;
  private final String detectorId;
  private FaceDetector detector;

  FaceCheck(Supplier<FaceDetector> opener, String detectorId) {
    this.opener = opener;
    this.detectorId = detectorId;
  }

  /**
   * The BlazeFace model at {@code model}, or OpenCV's Haar cascade when the file is missing. The
   * detector (and OpenCV's native libraries, seconds to load) is opened at the first check, so that
   * the server's start, and its return to the broker after a restart, do not wait for it.
   */
  static FaceCheck open(Path model, double minScore) {
    return new FaceCheck(
        () -> FaceDetectors.open(model, minScore, 0.0),
        Files.isReadable(model) ? BlazeFaceDetector.MODEL_ID : CascadeFaceDetector.MODEL_ID);
  }

  String detectorId() {
    return detectorId;
  }

  synchronized Result check(byte[] photo) {
    if (photo.length == 0) {
      return new Refused("the photo is empty");
    }
    if (detector == null) {
      detector = opener.get();
    }
    try (BytePointer bytes = new BytePointer(photo);
        Mat raw = new Mat(1, photo.length, opencv_core.CV_8UC1, bytes);
        Mat image = imdecode(raw, IMREAD_COLOR)) {
      if (image == null || image.empty()) {
        return new Refused("not a JPEG or PNG image");
      }
      List<FaceBox> faces = detector.detect(image);
      if (faces.isEmpty()) {
        return new Refused(
            "no face found by "
                + detector.modelId()
                + ": use a frontal photo with the face clearly visible");
      }
      if (faces.size() > 1) {
        return new Refused(
            faces.size() + " faces found: crop the photo to the one person to enrol");
      }
      FaceBox face = faces.get(0);
      if (face.width() < MIN_FACE_WIDTH) {
        return new Refused(
            "the face is "
                + Math.round(face.width())
                + " pixels wide: use a photo where it is at least "
                + MIN_FACE_WIDTH);
      }
      return new Accepted(
          FaceCrops.portrait(image, face, CROP_FACTOR, MAX_SIDE),
          face.score(),
          (int) Math.round(face.width()));
    }
  }

  @Override
  public synchronized void close() {
    if (detector != null) {
      detector.close();
    }
  }
}
