package org.sharpeyes.ingest.config;

/**
 * Parameters of rule {@code plate-hotlist} ({@code rules.plateHotlist.*} in the config).
 *
 * @param fuzzySeverityStep how many steps below the listed severity a fuzzy match alerts (0..3;
 *     never below low)
 * @param lowConfidenceBelow reads with a confidence below this (0..1) are low-confidence: one
 *     character that is not a lookalike, or the province, may then differ from the listed plate
 */
public record PlateHotlistConfig(int fuzzySeverityStep, double lowConfidenceBelow) {

  public static final int DEFAULT_FUZZY_SEVERITY_STEP = 1;
  public static final double DEFAULT_LOW_CONFIDENCE_BELOW = 0.7;

  public PlateHotlistConfig {
    if (fuzzySeverityStep < 0 || fuzzySeverityStep > 3) {
      throw new IllegalArgumentException(
          "fuzzySeverityStep is " + fuzzySeverityStep + "; it must be from 0 to 3");
    }
    if (!(lowConfidenceBelow >= 0 && lowConfidenceBelow <= 1)) {
      throw new IllegalArgumentException(
          "lowConfidenceBelow is " + lowConfidenceBelow + "; it must be from 0 to 1");
    }
  }

  public static PlateHotlistConfig defaults() {
    return new PlateHotlistConfig(DEFAULT_FUZZY_SEVERITY_STEP, DEFAULT_LOW_CONFIDENCE_BELOW);
  }
}
