package org.sharpeyes.vision.testing;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.sharpeyes.vision.crop.FaceCrops;
import org.sharpeyes.vision.detection.BlazeFaceDetector;
import org.sharpeyes.vision.detection.FaceBox;
import org.sharpeyes.vision.detection.FaceDetector;
import org.sharpeyes.vision.model.ModelCache;

/**
 * The models and sample photos {@code deploy/fetch-models.sh --samples} puts in {@code
 * $SHARPEYES_MODELS} (default {@code ~/.cache/sharpeyes/models}). Never in the repository.
 */
public final class SamplePhotos {

  private SamplePhotos() {}

  public static Path dir() {
    String env = System.getenv("SHARPEYES_MODELS");
    return env != null && !env.isBlank() ? Path.of(env) : ModelCache.DEFAULT_DIR;
  }

  public static Path blazeFace() {
    Path model = dir().resolve(ModelCache.BLAZE_FACE);
    assumeTrue(Files.isReadable(model), "no " + model + ": run deploy/fetch-models.sh");
    return model;
  }

  public static Path embeddingModel() {
    Path model = dir().resolve(ModelCache.EMBEDDING);
    assumeTrue(Files.isReadable(model), "no " + model + ": run deploy/fetch-models.sh");
    return model;
  }

  /**
   * A head-and-shoulders JPEG of one person of a group photo: face {@code face} (counted from the
   * left, 0 first) of {@code sample1..6.jpg}, as found by BlazeFace.
   */
  public static byte[] portrait(int sample, int face) {
    Path photo = groupPhotos().get(sample - 1);
    try (FaceDetector detector = BlazeFaceDetector.load(blazeFace(), 0.5);
        Mat image = imread(photo.toString())) {
      List<FaceBox> faces =
          detector.detect(image).stream()
              .sorted(java.util.Comparator.comparingDouble(FaceBox::centreX))
              .toList();
      return FaceCrops.portrait(image, faces.get(face), 2.2, 400);
    }
  }

  /** {@link #portrait} written to {@code file}; returns it. */
  public static Path portraitFile(int sample, int face, Path file) {
    try {
      Files.write(file, portrait(sample, face));
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The six group photos of the face-api demo. */
  public static List<Path> groupPhotos() {
    List<Path> photos =
        IntStream.rangeClosed(1, 6)
            .mapToObj(i -> dir().resolve("samples").resolve("sample" + i + ".jpg"))
            .toList();
    assumeTrue(
        photos.stream().allMatch(Files::isReadable),
        "no sample photos in " + dir() + ": run deploy/fetch-models.sh --samples");
    return photos;
  }
}
