package org.sharpeyes.ingest.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import org.locationtech.jts.geom.Coordinate;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;

/**
 * What the dashboard draws: the regions, every grid cell's outline and every device, from the
 * reference data. Built once; the reference data does not change while the server runs.
 */
final class CityMap {

  private CityMap() {}

  /**
   * {@code {"regions":[{code,name,level,parent}], "grids":{GeoJSON FeatureCollection},
   * "devices":[{id,name,kind,lat,lon,gridCode}]}}
   */
  static JsonObject of(ReferenceData reference) {
    JsonArray regions = new JsonArray();
    reference.regions().regions().stream()
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
        .sorted(Comparator.comparing(GridCell::code))
        .forEach(cell -> features.add(feature(cell)));
    JsonArray devices = new JsonArray();
    reference.devices().stream()
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
