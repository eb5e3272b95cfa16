package org.sharpeyes.ingest.alert;

/**
 * What recording one sighting did.
 *
 * @param alert the alert as it is now
 * @param kind whether it was raised, folded, or the sighting was already recorded
 */
public record AlertChange(Alert alert, Kind kind) {

  public enum Kind {
    /** A new alert. */
    RAISED,
    /** The sighting was folded into an open alert (count + 1). */
    FOLDED,
    /** The event was already evidence of the open alert; nothing changed. */
    ALREADY_RECORDED
  }
}
