package org.sharpeyes.ingest.reference;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the grid cell a point lies in: an STR-tree over the cell envelopes narrows the candidates,
 * then an exact polygon test decides. Built once at load time; immutable and thread-safe after.
 */
public final class GridDirectory {

  private final Map<String, GridCell> byCode = new LinkedHashMap<>();
  private final STRtree index = new STRtree();
  private final GeometryFactory geometry;

  GridDirectory(Collection<GridCell> cells, GeometryFactory geometry) {
    this.geometry = geometry;
    cells.stream()
        .sorted(Comparator.comparing(GridCell::code))
        .forEach(
            c -> {
              byCode.put(c.code(), c);
              index.insert(c.polygon().getEnvelopeInternal(), c);
            });
    index.build();
  }

  /**
   * The cell covering the point (WGS84 degrees). A point exactly on the border of two cells goes to
   * the cell with the lower code, so the answer is always the same.
   */
  public Optional<GridCell> locate(double lat, double lon) {
    Point point = geometry.createPoint(new Coordinate(lon, lat));
    @SuppressWarnings("unchecked")
    List<GridCell> candidates = index.query(point.getEnvelopeInternal());
    return candidates.stream()
        .filter(c -> c.polygon().covers(point))
        .min(Comparator.comparing(GridCell::code));
  }

  public Optional<GridCell> byCode(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  /** All cells, by code. */
  public Collection<GridCell> cells() {
    return Collections.unmodifiableCollection(byCode.values());
  }

  public int size() {
    return byCode.size();
  }
}
