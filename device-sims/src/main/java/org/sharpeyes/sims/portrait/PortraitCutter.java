package org.sharpeyes.sims.portrait;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.sharpeyes.sims.portrait.FrontalFaceCascade.Face;

/**
 * Cuts head-and-shoulders portraits out of group photos, one face each, so that demos and tests get
 * single-face photos without any being kept in the repository. Each face found (left to right) gets
 * a square crop {@value #CROP_TO_FACE}× its width, centred on it and clipped to the photo. A face
 * without two eyes found in it (a false detection, or eyes closed or turned away) is skipped, and
 * so is a crop in which the cascade does not find exactly one face (a neighbour too close), so
 * every portrait written shows one frontal face.
 */
public final class PortraitCutter {

  public static final double CROP_TO_FACE = 2.2;
  public static final int DEFAULT_MIN_FACE = 40;

  /** In a portrait, faces smaller than this share of its shorter side are not counted. */
  static final double MIN_FACE_IN_PORTRAIT = 0.25;

  private static final List<String> PHOTO_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  /** What became of one face of a photo. */
  public sealed interface Outcome permits Written, Skipped {
    /** The face's place in its photo, left to right, from 1. */
    int face();
  }

  /** A portrait written to {@code file}; {@code box} is the face in the group photo. */
  public record Written(Path file, int face, Face box, int width, int height) implements Outcome {}

  /** A face left out, and why. */
  public record Skipped(int face, Face box, String reason) implements Outcome {}

  private final FrontalFaceCascade cascade;
  private final int minFace;

  /**
   * @param minFace the smallest face looked for in a group photo, in pixels
   */
  public PortraitCutter(FrontalFaceCascade cascade, int minFace) {
    if (minFace < 20) {
      throw new IllegalArgumentException(
          "the smallest face must be at least 20 px, was " + minFace);
    }
    this.cascade = cascade;
    this.minFace = minFace;
  }

  /** The photos in {@code dir} (.jpg, .jpeg, .png), by name; or {@code dir} itself if a file. */
  public static List<Path> photosIn(Path dir) {
    if (Files.isRegularFile(dir)) {
      return List.of(dir);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> PHOTO_EXTENSIONS.stream().anyMatch(ext -> lowerName(f).endsWith(ext)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the photos in " + dir, e);
    }
  }

  /**
   * Writes the portraits of {@code photo} to {@code outDir} as {@code <photo-stem>-face<N>.jpg}, N
   * being the face's place left to right; returns what became of each face found.
   *
   * @throws IllegalArgumentException when the photo cannot be read as an image
   */
  public List<Outcome> cut(Path photo, Path outDir) {
    List<Outcome> outcomes = new ArrayList<>();
    try (Mat image = imread(photo.toString())) {
      if (image.empty()) {
        throw new IllegalArgumentException("cannot read " + photo + " as an image");
      }
      List<Face> faces = cascade.find(image, minFace);
      for (int i = 0; i < faces.size(); i++) {
        outcomes.add(portrait(image, faces.get(i), i + 1, outDir.resolve(name(photo, i + 1))));
      }
    }
    return outcomes;
  }

  /** The faces the cutter counts in a portrait: the same cascade, ignoring small ones at edges. */
  public List<Face> facesIn(Mat portrait) {
    int side = Math.min(portrait.cols(), portrait.rows());
    return cascade.find(portrait, Math.max(minFace, (int) (side * MIN_FACE_IN_PORTRAIT)));
  }

  private Outcome portrait(Mat image, Face face, int n, Path file) {
    int side = (int) Math.round(face.width() * CROP_TO_FACE);
    int x = (int) Math.round(face.centreX() - side / 2.0);
    int y = (int) Math.round(face.centreY() - side / 2.0);
    int left = Math.max(0, x);
    int top = Math.max(0, y);
    int right = Math.min(image.cols(), x + side);
    int bottom = Math.min(image.rows(), y + side);
    try (Rect area = new Rect(left, top, right - left, bottom - top);
        Mat crop = image.apply(area);
        IntPointer jpeg = new IntPointer(IMWRITE_JPEG_QUALITY, 95)) {
      if (cascade.eyesIn(image, face) < 2) {
        return new Skipped(n, face, "no two eyes found in it");
      }
      int found = facesIn(crop).size();
      if (found != 1) {
        return new Skipped(n, face, "its crop holds " + found + " faces");
      }
      if (!imwrite(file.toString(), crop, jpeg)) {
        throw new UncheckedIOException(new IOException("cannot write " + file));
      }
      return new Written(file, n, face, right - left, bottom - top);
    }
  }

  private static String name(Path photo, int face) {
    String name = photo.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + "-face" + face + ".jpg";
  }

  private static String lowerName(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT);
  }
}
