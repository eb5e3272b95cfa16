package org.sharpeyes.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import org.locationtech.jts.geom.Coordinate;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * What the dashboard draws for one jurisdiction: its regions (and those above it, for the chain),
 * the outline of every grid cell in it and every device in it, from the reference data. Grid
 * workers' names are staff contacts, not personal data of key persons, and are shown as they are.
 */
final class CityMap {

  private CityMap() {}

  /**
   * {@code {"regions":[{code,name,level,parent}], "grids":{GeoJSON FeatureCollection},
   * "outlines":{GeoJSON FeatureCollection of region outlines, see RegionOutlines},
   * "devices":[{id,name,kind,lat,lon,gridCode}]}}
   */
  static JsonObject of(ReferenceData reference, String jurisdiction) {
    RegionDirectory tree = reference.regions();
    JsonArray regions = new JsonArray();
    tree.regions().stream()
        .filter(r -> tree.isWithin(r.code(), jurisdiction) || tree.isWithin(jurisdiction, r.code()))
        .sorted(Comparator.comparing(Region::code))
        .forEach(
            r ->
                regions.add(
                    new JsonObject()
                        .put("code", r.code())
                        .put("name", r.name())
                        .put("level", r.level().name())
                        .put("parent", r.parent())));
    JsonArray features = new JsonArray();
    reference.grids().cells().stream()
        .filter(cell -> tree.isWithin(cell.villageCode(), jurisdiction))
        .sorted(Comparator.comparing(GridCell::code))
        .forEach(cell -> features.add(feature(cell)));
    JsonArray devices = new JsonArray();
    reference.devices().stream()
        .filter(d -> d.gridCode() != null && tree.isWithin(d.gridCode(), jurisdiction))
        .sorted(Comparator.comparing(Device::id))
        .forEach(
            d ->
                devices.add(
                    new JsonObject()
                        .put("id", d.id())
                        .put("name", d.name())
                        .put("kind", d.kind())
                        .put("lat", d.lat())
                        .put("lon", d.lon())
                        .put("site", d.site())
                        .put("gridCode", d.gridCode())));
    return new JsonObject()
        .put("regions", regions)
        .put("grids", new JsonObject().put("type", "FeatureCollection").put("features", features))
        .put("outlines", RegionOutlines.of(reference, jurisdiction))
        .put("devices", devices);
  }

  private static JsonObject feature(GridCell cell) {
    JsonArray ring = new JsonArray();
    for (Coordinate c : cell.polygon().getExteriorRing().getCoordinates()) {
      ring.add(new JsonArray().add(c.x).add(c.y));
    }
    return new JsonObject()
        .put("type", "Feature")
        .put(
            "properties",
            new JsonObject()
                .put("code", cell.code())
                .put("villageCode", cell.villageCode())
                .put("name", cell.name())
                .put("gridWorker", cell.gridWorker()))
        .put(
            "geometry",
            new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
  }
}
