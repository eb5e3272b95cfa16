package org.sharpeyes.vision.matching;

/**
 * One enrolled face of a watchlisted person, as this edge computed it.
 *
 * @param personId the watchlist entry
 * @param threshold the similarity at or above which a face is this person (from the person's risk
 *     level)
 * @param modelId the model that computed {@code vector}
 * @param vector the L2-normalised template
 */
public record FaceTemplate(String personId, double threshold, String modelId, float[] vector) {}
