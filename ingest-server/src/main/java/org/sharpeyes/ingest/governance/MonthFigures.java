package org.sharpeyes.ingest.governance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

/**
 * The figures of every unit with alerts in one month, by level; the city total under {@link
 * GovernanceLevel#CITY} and {@link MonthScan#CITY_KEY}. Immutable.
 *
 * @param computedAt when the alert history was read
 */
public record MonthFigures(
    YearMonth month, Map<GovernanceLevel, Map<String, Figures>> units, Instant computedAt) {

  public MonthFigures {
    Map<GovernanceLevel, Map<String, Figures>> copy = new EnumMap<>(GovernanceLevel.class);
    units.forEach((level, byCode) -> copy.put(level, Map.copyOf(byCode)));
    units = java.util.Collections.unmodifiableMap(copy);
  }

  /** The unit's figures; {@link Figures#NONE} when it had no alert. */
  public Figures of(GovernanceLevel level, String code) {
    return units.getOrDefault(level, Map.of()).getOrDefault(code, Figures.NONE);
  }
}
