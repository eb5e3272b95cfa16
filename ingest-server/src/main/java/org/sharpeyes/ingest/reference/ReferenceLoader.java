package org.sharpeyes.ingest.reference;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.sharpeyes.schema.id.GbDeviceId;
import org.sharpeyes.schema.topic.Topics;

/**
 * Reads the six reference files of a directory and checks them, each alone and against each other.
 * Collects every problem instead of stopping at the first, so an operator fixes the files in one
 * round. Key persons and the hotlist are read by {@link PersonAndPlateRows}.
 */
final class ReferenceLoader {

  private final Path dir;
  private final List<ReferenceProblem> problems = new ArrayList<>();
  private final GeometryFactory geometry = new GeometryFactory(new PrecisionModel(), 4326);

  ReferenceLoader(Path dir) {
    this.dir = dir;
  }

  ReferenceLoad load() {
    Map<String, Region> regions = regions();
    List<GridCell> cells = cells(regions);
    Map<String, String> villageOfGrid = new HashMap<>();
    cells.forEach(c -> villageOfGrid.put(c.code(), c.villageCode()));
    GridDirectory grids = new GridDirectory(cells, geometry);
    List<Site> sites = sites(grids);
    List<Device> devices = devices(grids, sites);
    PersonAndPlateRows people = new PersonAndPlateRows(dir, grids, problems);
    List<KeyPerson> persons = people.keyPersons();
    List<HotlistEntry> hotlist = people.hotlist();
    CommandStructure command = CommandRows.read(dir, regions, grids, problems);
    if (!problems.isEmpty()) {
      return new ReferenceLoad.Failed(problems);
    }
    return new ReferenceLoad.Loaded(
        new ReferenceData(
            new RegionDirectory(regions.values(), villageOfGrid),
            grids,
            devices,
            sites,
            persons,
            new PlateDirectory(hotlist, persons),
            command));
  }

  private Map<String, Region> regions() {
    Map<String, Region> regions = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    Path file = dir.resolve(ReferenceData.REGIONS);
    for (CsvFile.Row row :
        CsvFile.read(file, List.of("code", "name", "level", "parent"), problems)) {
      String code = row.matching("code", "[0-9]{6}|[0-9]{9}|[0-9]{12}", "a 6, 9 or 12-digit code");
      String name = row.required("name");
      RegionLevel level = level(row);
      String parent = row.optional("parent");
      if (code != null && level != null && code.length() != level.codeLength()) {
        row.problem(
            "code",
            code
                + " has "
                + code.length()
                + " digits but a "
                + level
                + " code has "
                + level.codeLength());
      }
      if (level == RegionLevel.CITY && !parent.isEmpty()) {
        row.problem("parent", "must be empty for the CITY");
      } else if (level != null && level != RegionLevel.CITY && parent.isEmpty()) {
        row.problem("parent", "must name the " + level.parentLevel() + " above this " + level);
      }
      if (code != null && regions.containsKey(code)) {
        row.problem("code", code + " is already defined on line " + lineOf.get(code));
      }
      if (row.valid()) {
        regions.put(code, new Region(code, name, level, parent.isEmpty() ? null : parent));
        lineOf.put(code, row.line());
      }
    }
    for (Region r : regions.values()) {
      if (r.parent() == null) {
        continue;
      }
      Region parent = regions.get(r.parent());
      String where = "parent: ";
      int line = lineOf.get(r.code());
      if (parent == null) {
        problems.add(new ReferenceProblem(file, line, where + "no region " + r.parent()));
      } else if (parent.level() != r.level().parentLevel()) {
        problems.add(
            new ReferenceProblem(
                file,
                line,
                where
                    + r.parent()
                    + " is a "
                    + parent.level()
                    + " but the parent of a "
                    + r.level()
                    + " must be a "
                    + r.level().parentLevel()));
      } else if (r.level() != RegionLevel.COUNTY && !r.code().startsWith(r.parent())) {
        problems.add(
            new ReferenceProblem(
                file,
                line,
                "code: " + r.code() + " must start with its parent's code " + r.parent()));
      }
    }
    return regions;
  }

  private RegionLevel level(CsvFile.Row row) {
    String value = row.required("level");
    if (value == null) {
      return null;
    }
    try {
      return RegionLevel.valueOf(value);
    } catch (IllegalArgumentException e) {
      row.problem("level", "'" + value + "' is not one of CITY, COUNTY, TOWNSHIP, VILLAGE");
      return null;
    }
  }

  private List<GridCell> cells(Map<String, Region> regions) {
    Path file = dir.resolve(ReferenceData.GRIDS);
    List<ReferenceProblem> local = new ArrayList<>();
    List<GridFile.Feature> read = new GridFile(file, geometry, local).read();
    problems.addAll(local);
    List<GridCell> cells = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (GridFile.Feature f : read) {
      GridCell c = f.cell();
      Region village = regions.get(c.villageCode());
      if (village == null || village.level() != RegionLevel.VILLAGE) {
        problems.add(
            new ReferenceProblem(
                file,
                f.line(),
                "cell "
                    + c.code()
                    + ": villageCode "
                    + c.villageCode()
                    + " is not a VILLAGE in "
                    + ReferenceData.REGIONS));
      } else if (!seen.add(c.code())) {
        problems.add(
            new ReferenceProblem(file, f.line(), "cell " + c.code() + " is defined twice"));
      } else {
        cells.add(c);
      }
    }
    return cells;
  }

  private List<Site> sites(GridDirectory grids) {
    List<Site> sites = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    Path file = dir.resolve(ReferenceData.SITES);
    List<String> header = List.of("id", "name", "kind", "lat", "lon", "radiusMeters");
    for (CsvFile.Row row : CsvFile.read(file, header, problems)) {
      String id = row.required("id");
      String name = row.required("name");
      String kind = row.matching("kind", "[a-z][a-z-]*", "a lower-case kind, e.g. station");
      double lat = row.decimal("lat", -90, 90);
      double lon = row.decimal("lon", -180, 180);
      double radius = row.decimal("radiusMeters", 1, 100_000);
      if (id != null && !ids.add(id)) {
        row.problem("id", id + " is used by another site");
      }
      if (name != null && !names.add(name)) {
        row.problem("name", name + " is used by another site; devices refer to sites by name");
      }
      Optional<GridCell> cell = locate(row, grids, lat, lon);
      if (row.valid()) {
        sites.add(new Site(id, name, kind, lat, lon, radius, cell.get().code()));
      }
    }
    return sites;
  }

  private List<Device> devices(GridDirectory grids, List<Site> sites) {
    List<Device> devices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> siteNames = new HashSet<>();
    sites.forEach(s -> siteNames.add(s.name()));
    Path file = dir.resolve(ReferenceData.DEVICES);
    List<String> header = List.of("id", "kind", "edgeId", "lat", "lon", "site", "name");
    for (CsvFile.Row row : CsvFile.read(file, header, problems)) {
      String id = row.matching("id", "[0-9]{20}", "a 20-digit GB/T 28181 id");
      String kind = row.matching("kind", "[a-z][a-z-]*", "a lower-case kind, e.g. plate-reader");
      String edgeId = row.matching("edgeId", Topics.EDGE_ID.pattern(), "a valid edge id");
      double lat = row.decimal("lat", -90, 90);
      double lon = row.decimal("lon", -180, 180);
      String site = row.optional("site");
      String name = row.required("name");
      if (id != null && GbDeviceId.isValid(id) && !ids.add(id)) {
        row.problem("id", id + " is used by another device");
      }
      if (!site.isEmpty() && !siteNames.contains(site)) {
        row.problem("site", "'" + site + "' is not the name of a site in " + ReferenceData.SITES);
      }
      Optional<GridCell> cell = locate(row, grids, lat, lon);
      if (row.valid()) {
        devices.add(
            new Device(
                id, kind, edgeId, lat, lon, site.isEmpty() ? null : site, name, cell.get().code()));
      }
    }
    return devices;
  }

  private static Optional<GridCell> locate(
      CsvFile.Row row, GridDirectory grids, double lat, double lon) {
    if (Double.isNaN(lat) || Double.isNaN(lon)) {
      return Optional.empty();
    }
    Optional<GridCell> cell = grids.locate(lat, lon);
    if (cell.isEmpty()) {
      row.problem(
          "lat/lon", lat + ", " + lon + " is not inside any grid cell of " + ReferenceData.GRIDS);
    }
    return cell;
  }
}
