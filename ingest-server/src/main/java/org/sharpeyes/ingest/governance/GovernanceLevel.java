package org.sharpeyes.ingest.governance;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.sharpeyes.ingest.reference.RegionLevel;

/**
 * The units the governance index ranks: grid cells, villages, townships, counties, and the city as
 * a whole (its total, never ranked). An alert belongs to the units of its place: the {@code
 * grid_code}, {@code village_code}, {@code township_code} and {@code county_code} columns.
 */
public enum GovernanceLevel {
  GRID,
  VILLAGE,
  TOWNSHIP,
  COUNTY,
  CITY;

  /** The levels that are ranked ({@code level=} of the API), lowest first. */
  public static final GovernanceLevel[] RANKED = {GRID, VILLAGE, TOWNSHIP, COUNTY};

  /** As in the API and the {@code governance_month} table, e.g. {@code township}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<GovernanceLevel> fromLabel(String label) {
    return Arrays.stream(values()).filter(l -> l.label().equals(label)).findFirst();
  }

  /** The ranked levels' labels, for error messages. */
  public static String rankedLabels() {
    return String.join(", ", Arrays.stream(RANKED).map(GovernanceLevel::label).toList());
  }

  /** The region level of the same name; {@code null} for grid cells. */
  public RegionLevel regionLevel() {
    return this == GRID ? null : RegionLevel.valueOf(name());
  }
}
