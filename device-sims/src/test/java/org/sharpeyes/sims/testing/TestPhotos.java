package org.sharpeyes.sims.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.sharpeyes.vision.testing.SamplePhotos;

/**
 * Photos for tests: drawn stand-ins where no face is needed, and the group photos that {@code
 * deploy/fetch-models.sh --samples} puts in {@code $SHARPEYES_MODELS} (default {@code
 * ~/.cache/sharpeyes/models}), never in the repository. Tests write only to their temporary folder.
 */
public final class TestPhotos {

  private TestPhotos() {}

  /** A drawn stand-in for a portrait (an oval on a plain ground, no person), as a JPEG. */
  public static Path drawnPortrait(Path file) {
    try (Mat image = new Mat(240, 200, CV_8UC3, new Scalar(200, 170, 140, 0));
        Point centre = new Point(100, 110);
        Size axes = new Size(60, 80);
        Scalar skin = new Scalar(120, 160, 210, 0)) {
      ellipse(image, centre, axes, 0, 0, 360, skin, FILLED, 8, 0);
      if (!imwrite(file.toString(), image)) {
        throw new IllegalStateException("cannot write " + file);
      }
    }
    return file;
  }

  /** Sample group photo {@code n} (1..6); the test is skipped when the samples are missing. */
  public static Path sample(int n) {
    Path photo = SamplePhotos.dir().resolve("samples").resolve("sample" + n + ".jpg");
    assumeTrue(
        Files.isReadable(photo),
        "no sample photo " + photo + ": run deploy/fetch-models.sh --samples to fetch them");
    return photo;
  }
}
