package org.sharpeyes.edge.adapter;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The face models a device's adapter analyses faces with: what the agent needs to keep a watchlist
 * of templates for them (one per embedder model in use on the edge).
 *
 * @param detectorModel the face detector's model file
 * @param minScore the detector's score threshold
 * @param embedderModel the embedding model file
 * @param embedderModelId the id recorded with templates and events
 */
public record FaceModels(
    Path detectorModel, double minScore, Path embedderModel, String embedderModelId) {

  public FaceModels {
    Objects.requireNonNull(detectorModel, "detectorModel");
    Objects.requireNonNull(embedderModel, "embedderModel");
  }
}
