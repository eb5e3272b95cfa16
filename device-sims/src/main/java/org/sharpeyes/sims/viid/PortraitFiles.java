package org.sharpeyes.sims.viid;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads the portraits a simulated face camera sends: the {@code .jpg}/{@code .jpeg} files of one
 * folder (as {@code device-sims portraits} writes them), in name order so that a seed always picks
 * the same faces. A file that does not decode fails the whole read, with its name.
 */
public final class PortraitFiles {

  /** Portraits kept in memory at most. */
  public static final int MAX_PORTRAITS = 2000;

  private PortraitFiles() {}

  /**
   * @throws IllegalArgumentException when the folder is missing, holds no JPEG, holds too many, or
   *     one does not decode
   */
  public static List<Portrait> read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--portraits " + folder + " is not a folder");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(PortraitFiles::isJpeg)
              .sorted()
              .limit(MAX_PORTRAITS + 1L)
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "--portraits "
              + folder
              + " holds no .jpg or .jpeg file (device-sims portraits makes some)");
    }
    if (files.size() > MAX_PORTRAITS) {
      throw new IllegalArgumentException(
          "--portraits " + folder + " holds more than " + MAX_PORTRAITS + " JPEG files");
    }
    List<Portrait> portraits = new ArrayList<>(files.size());
    for (Path file : files) {
      portraits.add(readOne(file));
    }
    return portraits;
  }

  private static Portrait readOne(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalArgumentException(file + " is not a JPEG this JVM can read");
      }
      return new Portrait(
          file.getFileName().toString(), bytes, image.getWidth(), image.getHeight());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read portrait " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isJpeg(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg");
  }
}
