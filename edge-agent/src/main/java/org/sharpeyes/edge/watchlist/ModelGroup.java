package org.sharpeyes.edge.watchlist;

import java.nio.file.Path;

/**
 * The models one set of templates is computed with: those of the cameras that use {@code modelId}.
 * Enrolment photos go through the same detector and embedder as the cameras' frames.
 */
public record ModelGroup(String modelId, Path detectorModel, double minScore, Path embedderModel) {}
