package org.sharpeyes.ingest.alert;

/**
 * What recording one sighting, or one workflow step, did.
 *
 * @param alert the alert as it is now
 * @param kind whether it was raised, folded, stepped, or the sighting was already recorded
 * @param step the workflow step taken, for {@link Kind#STEPPED}; {@code null} otherwise
 */
public record AlertChange(Alert alert, Kind kind, AlertStep step) {

  public AlertChange(Alert alert, Kind kind) {
    this(alert, kind, null);
  }

  public AlertChange {
    if ((kind == Kind.STEPPED) != (step != null)) {
      throw new IllegalArgumentException("a step goes with STEPPED, and only with it");
    }
  }

  public enum Kind {
    /** A new alert. */
    RAISED,
    /** The sighting was folded into an open alert (count + 1). */
    FOLDED,
    /** The event was already evidence of the open alert; nothing changed. */
    ALREADY_RECORDED,
    /** A workflow step: acknowledged, dispatched, escalated, resolved... (see {@link #step}). */
    STEPPED
  }
}
