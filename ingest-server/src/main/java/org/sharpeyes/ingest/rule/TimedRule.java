package org.sharpeyes.ingest.rule;

import java.time.Instant;
import java.util.List;

/**
 * A rule that can also fire when no event comes: a door left open fires once it has been open too
 * long, whether or not the door reports anything more. The alert module asks it about once a second
 * what is due, on its timer thread, so implementations guard their state against {@link #evaluate}
 * running at the same time on the ingest worker.
 */
public interface TimedRule extends CorrelationRule {

  /** What is due at {@code now}; each finding is returned once. */
  List<Finding> due(Instant now, RuleContext context);

  /**
   * An alert due without a new event, with the earlier event that is its evidence.
   *
   * @param deviceId the device that sent the evidence (it places the alert)
   * @param regionCode where to place the alert instead of at the device's grid cell (an edge is
   *     placed at the region all its devices share), or {@code null}
   */
  record Finding(
      AlertCandidate candidate,
      String deviceId,
      String eventId,
      Instant seenAt,
      String regionCode) {

    public Finding(AlertCandidate candidate, String deviceId, String eventId, Instant seenAt) {
      this(candidate, deviceId, eventId, seenAt, null);
    }
  }
}
