package org.sharpeyes.ingest.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads desks.csv, departments.csv and staff.csv. Each file is optional: without desks.csv every
 * region has a desk named after it; without the others there are no departments or staff.
 */
final class CommandRows {

  static final String DESKS = "desks.csv";
  static final String DEPARTMENTS = "departments.csv";
  static final String STAFF = "staff.csv";

  private static final Set<String> KINDS = Set.of("grid-worker", "operator", "supervisor");

  private CommandRows() {}

  static CommandStructure read(
      Path dir, Map<String, Region> regions, GridDirectory grids, List<ReferenceProblem> problems) {
    List<Desk> desks = desks(dir, regions, problems);
    Set<String> deskCodes = new HashSet<>();
    desks.forEach(d -> deskCodes.add(d.regionCode()));
    return new CommandStructure(
        desks, departments(dir, deskCodes, problems), staff(dir, deskCodes, grids, problems));
  }

  private static List<Desk> desks(
      Path dir, Map<String, Region> regions, List<ReferenceProblem> problems) {
    Path file = dir.resolve(DESKS);
    List<Desk> desks = new ArrayList<>();
    if (!Files.exists(file)) {
      regions.values().forEach(r -> desks.add(new Desk(r.code(), r.name(), r.level())));
      return desks;
    }
    Set<String> seen = new HashSet<>();
    for (CsvFile.Row row : CsvFile.read(file, List.of("region", "name"), problems)) {
      String code = row.required("region");
      String name = row.required("name");
      Region region = code == null ? null : regions.get(code);
      if (code != null && region == null) {
        row.problem("region", "no region " + code + " in " + ReferenceData.REGIONS);
      } else if (code != null && !seen.add(code)) {
        row.problem("region", code + " already has a desk");
      }
      if (row.valid()) {
        desks.add(new Desk(code, name, region.level()));
      }
    }
    return desks;
  }

  private static List<Department> departments(
      Path dir, Set<String> desks, List<ReferenceProblem> problems) {
    Path file = dir.resolve(DEPARTMENTS);
    List<Department> departments = new ArrayList<>();
    if (!Files.exists(file)) {
      return departments;
    }
    Set<String> seen = new HashSet<>();
    for (CsvFile.Row row : CsvFile.read(file, List.of("id", "name", "desk"), problems)) {
      String id = row.matching("id", "[a-z0-9][a-z0-9.-]{0,63}", "lower-case letters, digits, . -");
      String name = row.required("name");
      String desk = row.required("desk");
      if (desk != null && !desks.contains(desk)) {
        row.problem("desk", "no desk " + desk + " in " + DESKS);
      }
      if (id != null && !seen.add(id)) {
        row.problem("id", id + " is already defined");
      }
      if (row.valid()) {
        departments.add(new Department(id, name, desk));
      }
    }
    return departments;
  }

  private static List<StaffMember> staff(
      Path dir, Set<String> desks, GridDirectory grids, List<ReferenceProblem> problems) {
    Path file = dir.resolve(STAFF);
    List<StaffMember> staff = new ArrayList<>();
    if (!Files.exists(file)) {
      return staff;
    }
    Set<String> seen = new HashSet<>();
    for (CsvFile.Row row : CsvFile.read(file, List.of("user", "kind", "desk", "grids"), problems)) {
      String user = row.required("user");
      String kind = row.required("kind");
      String desk = row.required("desk");
      if (kind != null && !KINDS.contains(kind)) {
        row.problem("kind", "'" + kind + "' is not one of grid-worker, operator, supervisor");
      }
      if (desk != null && !desks.contains(desk)) {
        row.problem("desk", "no desk " + desk + " in " + DESKS);
      }
      Set<String> cells = new LinkedHashSet<>();
      String written = row.optional("grids");
      if (!written.isEmpty()) {
        cells.addAll(Arrays.asList(written.split(";")));
      }
      for (String cell : cells) {
        if (grids.byCode(cell).isEmpty()) {
          row.problem("grids", "no grid cell " + cell + " in " + ReferenceData.GRIDS);
        }
      }
      if ("grid-worker".equals(kind) && cells.isEmpty()) {
        row.problem("grids", "a grid worker serves at least one cell (codes separated by ;)");
      }
      if (user != null && !seen.add(user)) {
        row.problem("user", user + " is already listed");
      }
      if (row.valid()) {
        staff.add(new StaffMember(user, kind, desk, cells));
      }
    }
    return staff;
  }
}
