package org.sharpeyes.edge.adapter.viid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Face analysis of GA/T 1400 face captures (the {@code viid.faces} section). The device's face
 * image goes through the edge's own detector, embedder and watchlist; a person is confirmed when
 * {@code confirmCaptures} captures of one face track agree within {@code confirmWithin}, or when
 * one capture scores at least {@code strictThreshold}.
 *
 * @param detectorModel BlazeFace {@code .tflite} (the Haar cascade when the file is missing)
 * @param minScore detector score threshold
 * @param embedderModel the ONNX embedding model
 * @param embedderModelId recorded with templates and events
 * @param thresholds similarity thresholds by risk level, as for cameras
 * @param confirmCaptures captures of one track that must match the same person
 * @param confirmWithin … all within this time
 * @param strictThreshold one capture at or above this similarity is enough
 * @param cooldown one {@code face.matched} per person per device per cooldown
 */
public record ViidFaceSettings(
    Path detectorModel,
    double minScore,
    Path embedderModel,
    String embedderModelId,
    Map<String, Double> thresholds,
    int confirmCaptures,
    Duration confirmWithin,
    double strictThreshold,
    Duration cooldown) {

  public static final int DEFAULT_CONFIRM_CAPTURES = 2;
  public static final Duration DEFAULT_CONFIRM_WITHIN = Duration.ofSeconds(10);
  public static final double DEFAULT_STRICT_THRESHOLD = 0.75;
  public static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(1);

  public ViidFaceSettings {
    Objects.requireNonNull(detectorModel, "detectorModel");
    Objects.requireNonNull(embedderModel, "embedderModel");
    thresholds = Map.copyOf(thresholds);
    if (confirmCaptures < 1) {
      throw new IllegalArgumentException("confirmCaptures must be at least 1");
    }
  }
}
