package org.sharpeyes.schema.plate;

import java.util.List;

/**
 * A hotlist entry that a read matches, and how.
 *
 * @param value what was listed with the plate (e.g. the hotlist entry)
 * @param listing the listed plate or pattern, normalised, e.g. {@code 湘J38J91} or {@code 湘JD*}
 * @param kind exact (the same characters; wildcards of a pattern count as exact) or fuzzy
 * @param differences what differed, one line each, e.g. {@code position 4: read 8, listed B}; empty
 *     for exact matches
 * @param <T> the type of the listed values
 */
public record PlateMatch<T>(T value, String listing, Kind kind, List<String> differences) {

  /** How a read matched. */
  public enum Kind {
    /** The read is the listed plate, or fits the listed pattern. */
    EXACT,
    /** The read differs by lookalikes, an unread or (low confidence) misread character. */
    FUZZY
  }

  public PlateMatch {
    differences = List.copyOf(differences);
  }

  /** True for an exact match. */
  public boolean exact() {
    return kind == Kind.EXACT;
  }

  /** For alert reasons: {@code exact}, or {@code fuzzy (position 4: read 8, listed B)}. */
  public String describe() {
    return exact() ? "exact" : "fuzzy (" + String.join("; ", differences) + ")";
  }
}
