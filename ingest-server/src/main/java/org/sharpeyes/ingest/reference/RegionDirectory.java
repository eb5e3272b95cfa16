package org.sharpeyes.ingest.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The region tree (city → county → township → village). Immutable and thread-safe. */
public final class RegionDirectory {

  private final Map<String, Region> byCode = new LinkedHashMap<>();
  private final Map<String, String> villageOfGrid;

  /**
   * @param regions every region; parents must be present (the loader checks this)
   * @param villageOfGrid grid cell code → its village code, so that {@link #chain} also takes grid
   *     codes
   */
  RegionDirectory(Collection<Region> regions, Map<String, String> villageOfGrid) {
    regions.forEach(r -> byCode.put(r.code(), r));
    this.villageOfGrid = Map.copyOf(villageOfGrid);
  }

  /** A tree with no region: every jurisdiction check answers no. */
  public static RegionDirectory empty() {
    return new RegionDirectory(List.of(), Map.of());
  }

  public Optional<Region> byCode(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** True when {@code code} is a region (not a grid cell) code. */
  public boolean contains(String code) {
    return code != null && byCode.containsKey(code);
  }

  public Collection<Region> regions() {
    return Collections.unmodifiableCollection(byCode.values());
  }

  /**
   * The chain of regions from the city down to {@code code}, which may be a region code or a grid
   * cell code (whose chain ends at its village). Empty when the code is unknown.
   */
  public List<Region> chain(String code) {
    String start = villageOfGrid.getOrDefault(code, code);
    List<Region> chain = new ArrayList<>();
    Region r = byCode.get(start);
    while (r != null && chain.size() < RegionLevel.values().length) {
      chain.add(0, r);
      r = r.parent() == null ? null : byCode.get(r.parent());
    }
    return List.copyOf(chain);
  }

  /**
   * True when {@code code} (a region or grid cell code) lies in the subtree of region {@code
   * ancestor}, the region itself included. False for unknown codes.
   */
  public boolean isWithin(String code, String ancestor) {
    return chain(code).stream().anyMatch(r -> r.code().equals(ancestor));
  }

  /** The codes of a chain as a path, e.g. {@code /430700/430702/430702002/430702002001/}. */
  public static String path(List<Region> chain) {
    StringBuilder path = new StringBuilder("/");
    chain.forEach(r -> path.append(r.code()).append('/'));
    return path.toString();
  }
}
