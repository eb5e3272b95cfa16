package org.sharpeyes.ingest.reference;

import java.time.Instant;

/**
 * A plate on the hotlist (布控车辆).
 *
 * @param plate normalised plate, or a pattern with {@code ?} (one character) and a trailing {@code
 *     *} (the rest), e.g. {@code 湘J?2345}, {@code 湘JD*}
 * @param reason why it is listed, e.g. {@code 涉案车辆}
 * @param severity severity of the alert a sighting raises
 * @param validFrom first instant the entry applies, or {@code null} for always
 * @param validTo last instant the entry applies (inclusive), or {@code null} for ever
 */
public record HotlistEntry(
    String plate, String reason, Severity severity, Instant validFrom, Instant validTo) {

  /** True when the entry applies at {@code at}. */
  public boolean activeAt(Instant at) {
    return (validFrom == null || !at.isBefore(validFrom))
        && (validTo == null || !at.isAfter(validTo));
  }
}
