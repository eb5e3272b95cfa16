package org.sharpeyes.ingest.reference;

/**
 * The four levels of command (市 / 县区 / 乡镇街道 / 村社区), top first. A region's parent is always exactly
 * one level up.
 */
public enum RegionLevel {
  CITY(6),
  COUNTY(6),
  TOWNSHIP(9),
  VILLAGE(12);

  private final int codeLength;

  RegionLevel(int codeLength) {
    this.codeLength = codeLength;
  }

  /** Number of digits of a GB/T 2260 code at this level. */
  public int codeLength() {
    return codeLength;
  }

  /** The level directly above, or {@code null} for the city. */
  public RegionLevel parentLevel() {
    return ordinal() == 0 ? null : values()[ordinal() - 1];
  }
}
