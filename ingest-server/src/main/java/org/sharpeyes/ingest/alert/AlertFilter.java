package org.sharpeyes.ingest.alert;

import java.time.Instant;
import java.util.Set;
import org.sharpeyes.ingest.reference.Severity;

/**
 * Which alerts to list. Empty sets and {@code null}s mean "any".
 *
 * @param states any of these states
 * @param severities any of these severities
 * @param regionCode alerts in this region's subtree
 * @param since alerts last seen at or after this instant
 * @param until alerts first seen before this instant
 * @param limit most alerts returned, newest last-seen first
 */
public record AlertFilter(
    Set<AlertState> states,
    Set<Severity> severities,
    String regionCode,
    Instant since,
    Instant until,
    int limit) {

  public AlertFilter {
    states = Set.copyOf(states);
    severities = Set.copyOf(severities);
  }

  /** Every alert, up to {@code limit}. */
  public static AlertFilter all(int limit) {
    return new AlertFilter(Set.of(), Set.of(), null, null, null, limit);
  }
}
