package org.sharpeyes.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * The outline of each region of a jurisdiction (the jurisdiction itself and every region below it),
 * as the union of its grid cells, because the reference data has polygons only for cells. A region
 * with no cell has no outline. Each outline carries a point inside it where the map puts the
 * region's name.
 */
final class RegionOutlines {

  private RegionOutlines() {}

  /**
   * A GeoJSON FeatureCollection; properties {@code code, name, level, parent, label:[lon,lat]},
   * geometry a Polygon or MultiPolygon (lon, lat).
   */
  static JsonObject of(ReferenceData reference, String jurisdiction) {
    RegionDirectory tree = reference.regions();
    List<GridCell> cells =
        reference.grids().cells().stream()
            .filter(cell -> tree.isWithin(cell.villageCode(), jurisdiction))
            .toList();
    JsonArray features = new JsonArray();
    tree.regions().stream()
        .filter(r -> tree.isWithin(r.code(), jurisdiction))
        .sorted(Comparator.comparing(Region::code))
        .forEach(
            region -> {
              List<Polygon> parts =
                  cells.stream()
                      .filter(cell -> tree.isWithin(cell.villageCode(), region.code()))
                      .map(GridCell::polygon)
                      .toList();
              if (!parts.isEmpty()) {
                features.add(feature(region, UnaryUnionOp.union(parts)));
              }
            });
    return new JsonObject().put("type", "FeatureCollection").put("features", features);
  }

  private static JsonObject feature(Region region, Geometry outline) {
    Point label = outline.getInteriorPoint();
    JsonObject geometry;
    if (outline.getNumGeometries() == 1 && outline.getGeometryN(0) instanceof Polygon p) {
      geometry = new JsonObject().put("type", "Polygon").put("coordinates", rings(p));
    } else {
      JsonArray polygons = new JsonArray();
      for (int i = 0; i < outline.getNumGeometries(); i++) {
        if (outline.getGeometryN(i) instanceof Polygon p) {
          polygons.add(rings(p));
        }
      }
      geometry = new JsonObject().put("type", "MultiPolygon").put("coordinates", polygons);
    }
    return new JsonObject()
        .put("type", "Feature")
        .put(
            "properties",
            new JsonObject()
                .put("code", region.code())
                .put("name", region.name())
                .put("level", region.level().name())
                .put("parent", region.parent())
                .put("label", new JsonArray().add(label.getX()).add(label.getY())))
        .put("geometry", geometry);
  }

  private static JsonArray rings(Polygon p) {
    JsonArray rings = new JsonArray().add(ring(p.getExteriorRing()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(ring(p.getInteriorRingN(i)));
    }
    return rings;
  }

  private static JsonArray ring(LineString line) {
    JsonArray ring = new JsonArray();
    for (Coordinate c : line.getCoordinates()) {
      ring.add(new JsonArray().add(c.x).add(c.y));
    }
    return ring;
  }
}
