package org.sharpeyes.ingest.config;

import java.nio.file.Path;
import java.util.Map;
import org.sharpeyes.vision.model.ModelCache;

/**
 * Enrolment of key persons' photos and the watchlist published to edges.
 *
 * @param photoDir folder of {@code <personId>*.jpg} imported at start; {@code null} means {@code
 *     photos} in the reference data directory
 * @param detectorModel BlazeFace model that checks each photo holds one face (the edges' detector);
 *     when the file is missing, OpenCV's Haar cascade checks instead
 * @param minScore the detector's score threshold
 * @param maxPhotoBytes largest photo accepted for enrolment
 * @param maxPhotosPerPerson enrolment photos kept per person
 * @param thresholds the lowest similarity per risk level ({@code red}, {@code orange}, {@code
 *     yellow}) at which a face match raises an alert; sent to the edges as their floor
 */
public record WatchlistConfig(
    Path photoDir,
    Path detectorModel,
    double minScore,
    long maxPhotoBytes,
    int maxPhotosPerPerson,
    Map<String, Double> thresholds) {

  /** BlazeFace where the model script puts it. */
  public static final Path DEFAULT_DETECTOR = ModelCache.DEFAULT_DIR.resolve(ModelCache.BLAZE_FACE);

  public static final double DEFAULT_MIN_SCORE = 0.5;
  public static final long DEFAULT_MAX_PHOTO_BYTES = 4L * 1024 * 1024;
  public static final int DEFAULT_MAX_PHOTOS_PER_PERSON = 5;
  public static final Map<String, Double> DEFAULT_THRESHOLDS =
      Map.of("red", 0.55, "orange", 0.60, "yellow", 0.65);

  public WatchlistConfig {
    thresholds = Map.copyOf(thresholds);
  }

  public static WatchlistConfig defaults() {
    return new WatchlistConfig(
        null,
        DEFAULT_DETECTOR,
        DEFAULT_MIN_SCORE,
        DEFAULT_MAX_PHOTO_BYTES,
        DEFAULT_MAX_PHOTOS_PER_PERSON,
        DEFAULT_THRESHOLDS);
  }

  /** The import folder, given the reference data directory. */
  public Path photoDir(Path referenceData) {
    return photoDir == null ? referenceData.resolve("photos") : photoDir;
  }
}
