package org.sharpeyes.ingest.rule;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.RiskLevel;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.FaceMatched;

/**
 * {@value #ID}: a {@code face.matched} for a key person, with a similarity at or above the person's
 * threshold, raises an alert about the person. Repeats (any camera) fold into the open alert, as
 * sightings of a key person's vehicles do.
 *
 * <ul>
 *   <li>Threshold: the higher of the one the edge applied (carried in the event) and this rule's
 *       for the person's risk level, so an edge with a looser setting cannot lower the bar.
 *   <li>Severity: from the person's risk level (red → critical, orange → high, yellow → medium).
 *   <li>A match for an id that is not a key person (an edge's watchlist out of date) raises
 *       nothing; the event stays stored and searchable.
 * </ul>
 */
public final class WatchlistFaceRule implements CorrelationRule {

  public static final String ID = "watchlist-face";

  /** Defaults: the closer watched, the lower the bar. */
  public static final Map<RiskLevel, Double> DEFAULT_THRESHOLDS =
      Map.of(RiskLevel.RED, 0.55, RiskLevel.ORANGE, 0.60, RiskLevel.YELLOW, 0.65);

  private final Map<RiskLevel, Double> thresholds;

  public WatchlistFaceRule() {
    this(DEFAULT_THRESHOLDS);
  }

  /**
   * @param thresholds the least similarity per risk level; every level must be given
   */
  public WatchlistFaceRule(Map<RiskLevel, Double> thresholds) {
    this.thresholds = new EnumMap<>(RiskLevel.class);
    for (RiskLevel level : RiskLevel.values()) {
      Double t = thresholds.get(level);
      if (t == null || !(t > 0 && t <= 1)) {
        throw new IllegalArgumentException(
            "threshold for risk level " + level.label() + " must be in (0, 1], was " + t);
      }
      this.thresholds.put(level, t);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof FaceMatched match)) {
      return Optional.empty();
    }
    Optional<KeyPerson> person = context.reference().keyPerson(match.personId());
    if (person.isEmpty()) {
      return Optional.empty();
    }
    KeyPerson p = person.get();
    double bar = Math.max(match.threshold(), thresholds.get(p.riskLevel()));
    if (match.similarity() < bar) {
      return Optional.empty();
    }
    String reason =
        String.format(
            Locale.ROOT,
            "face matched (%s, %s; similarity %.2f ≥ %.2f, %s, %d frames)",
            p.riskLevel().label(),
            String.join(", ", p.categories()),
            match.similarity(),
            bar,
            match.modelId(),
            match.framesUsed());
    return Optional.of(AlertCandidate.aboutPerson(ID, p.riskLevel().alertSeverity(), p, reason));
  }
}
