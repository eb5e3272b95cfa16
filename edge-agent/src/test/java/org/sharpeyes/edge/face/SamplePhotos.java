package org.sharpeyes.edge.face;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The models and sample photos {@code deploy/fetch-models.sh --samples} puts in {@code
 * $SHARPEYES_MODELS} (default {@code ~/.cache/sharpeyes/models}). Never in the repository.
 */
public final class SamplePhotos {

  private SamplePhotos() {}

  public static Path dir() {
    String env = System.getenv("SHARPEYES_MODELS");
    return env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "sharpeyes", "models");
  }

  public static Path blazeFace() {
    Path model = dir().resolve("blazeface-short-range.tflite");
    assumeTrue(Files.isReadable(model), "no " + model + ": run deploy/fetch-models.sh");
    return model;
  }

  public static Path embeddingModel() {
    Path model = dir().resolve("fr-feature-512.onnx");
    assumeTrue(Files.isReadable(model), "no " + model + ": run deploy/fetch-models.sh");
    return model;
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
