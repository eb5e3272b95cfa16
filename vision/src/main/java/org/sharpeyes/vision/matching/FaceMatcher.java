package org.sharpeyes.vision.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cosine 1:N search of a probe template against the watchlist's templates of one model. Templates
 * of another model are refused at construction, never compared. The templates sit in one flat
 * array, so a search is a single pass over memory. Immutable and thread-safe; a new watchlist
 * version makes a new matcher.
 */
public final class FaceMatcher {

  private final String modelId;
  private final int dimension;
  private final float[] vectors;
  private final String[] personIds;
  private final double[] thresholds;

  /**
   * @throws IllegalArgumentException when a template is of another model or another size
   */
  public FaceMatcher(String modelId, int dimension, List<FaceTemplate> templates) {
    this.modelId = modelId;
    this.dimension = dimension;
    this.vectors = new float[templates.size() * dimension];
    this.personIds = new String[templates.size()];
    this.thresholds = new double[templates.size()];
    for (int i = 0; i < templates.size(); i++) {
      FaceTemplate t = templates.get(i);
      if (!t.modelId().equals(modelId)) {
        throw new IllegalArgumentException(
            "template of "
                + t.personId()
                + " is of model "
                + t.modelId()
                + ", this matcher compares "
                + modelId
                + " only");
      }
      if (t.vector().length != dimension) {
        throw new IllegalArgumentException(
            "template of "
                + t.personId()
                + " has "
                + t.vector().length
                + " values, not "
                + dimension);
      }
      System.arraycopy(t.vector(), 0, vectors, i * dimension, dimension);
      personIds[i] = t.personId();
      thresholds[i] = t.threshold();
    }
  }

  public String modelId() {
    return modelId;
  }

  public int size() {
    return personIds.length;
  }

  /** A probe that reached a person's threshold. */
  public record Match(String personId, double similarity, double threshold) {}

  /**
   * The most similar template at or above its person's threshold, if any.
   *
   * @param probe an L2-normalised template of this matcher's model
   */
  public Optional<Match> best(float[] probe) {
    checkProbe(probe);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < personIds.length; i++) {
      double s = dot(probe, i);
      if (s >= thresholds[i] && s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best < 0
        ? Optional.empty()
        : Optional.of(new Match(personIds[best], bestScore, thresholds[best]));
  }

  /** Every person at or above threshold, most similar first (for review and tests). */
  public List<Match> all(float[] probe) {
    checkProbe(probe);
    List<Match> matches = new ArrayList<>();
    for (int i = 0; i < personIds.length; i++) {
      double s = dot(probe, i);
      if (s >= thresholds[i]) {
        matches.add(new Match(personIds[i], s, thresholds[i]));
      }
    }
    matches.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
    return matches;
  }

  private void checkProbe(float[] probe) {
    if (probe.length != dimension) {
      throw new IllegalArgumentException(
          "probe has " + probe.length + " values, templates of " + modelId + " have " + dimension);
    }
  }

  private double dot(float[] probe, int template) {
    int o = template * dimension;
    float sum = 0;
    for (int k = 0; k < dimension; k++) {
      sum += probe[k] * vectors[o + k];
    }
    return sum;
  }
}
