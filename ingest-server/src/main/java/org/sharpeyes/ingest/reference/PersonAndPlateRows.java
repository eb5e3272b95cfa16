package org.sharpeyes.ingest.reference;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.schema.plate.PlateHotlistIndex;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;

/** Reads {@value ReferenceData#KEY_PERSONS} and {@value ReferenceData#HOTLIST}. */
final class PersonAndPlateRows {

  private final Path dir;
  private final GridDirectory grids;
  private final List<ReferenceProblem> problems;

  PersonAndPlateRows(Path dir, GridDirectory grids, List<ReferenceProblem> problems) {
    this.dir = dir;
    this.grids = grids;
    this.problems = problems;
  }

  List<KeyPerson> keyPersons() {
    List<KeyPerson> persons = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> ownerOfPlate = new HashMap<>();
    Path file = dir.resolve(ReferenceData.KEY_PERSONS);
    List<String> header =
        List.of(
            "id",
            "name",
            "idNumber",
            "categories",
            "riskLevel",
            "homeGrid",
            "plates",
            "credentials");
    for (CsvFile.Row row : CsvFile.read(file, header, problems)) {
      String id = row.matching("id", "[A-Za-z0-9-]{1,64}", "an id of letters, digits and -");
      String name = row.required("name");
      String idNumber = row.required("idNumber");
      if (idNumber != null && ResidentIdNumber.problemWith(idNumber) != null) {
        // The number itself is not echoed: this message ends up in logs.
        row.problem("idNumber", ResidentIdNumber.problemWith(idNumber));
      }
      List<String> categories = row.list("categories");
      categories.stream()
          .filter(c -> !c.matches("[a-z][a-z-]*"))
          .forEach(c -> row.problem("categories", "'" + c + "' is not a lower-case category"));
      RiskLevel risk = riskLevel(row);
      String homeGrid = row.required("homeGrid");
      if (homeGrid != null && grids.byCode(homeGrid).isEmpty()) {
        row.problem("homeGrid", homeGrid + " is not a cell in " + ReferenceData.GRIDS);
      }
      List<String> plates = row.list("plates").stream().map(PlateNumber::normalise).toList();
      for (String plate : plates) {
        if (PlateNumber.parse(plate) instanceof PlateParse.Refused refused) {
          row.problem("plates", refused.message());
        } else if (ownerOfPlate.containsKey(plate)) {
          row.problem("plates", plate + " already belongs to " + ownerOfPlate.get(plate));
        }
      }
      List<String> credentials = row.list("credentials");
      if (id != null && !ids.add(id)) {
        row.problem("id", id + " is used by another person");
      }
      if (row.valid()) {
        plates.forEach(p -> ownerOfPlate.put(p, id));
        persons.add(
            new KeyPerson(id, name, idNumber, categories, risk, homeGrid, plates, credentials));
      }
    }
    return persons;
  }

  private static RiskLevel riskLevel(CsvFile.Row row) {
    String value = row.required("riskLevel");
    if (value == null) {
      return null;
    }
    return RiskLevel.fromLabel(value)
        .orElseGet(
            () -> {
              row.problem("riskLevel", "'" + value + "' is not one of red, orange, yellow");
              return null;
            });
  }

  List<HotlistEntry> hotlist() {
    List<HotlistEntry> entries = new ArrayList<>();
    Path file = dir.resolve(ReferenceData.HOTLIST);
    List<String> header = List.of("plate", "reason", "severity", "validFrom", "validTo");
    for (CsvFile.Row row : CsvFile.read(file, header, problems)) {
      String raw = row.required("plate");
      String plate = raw == null ? null : PlateNumber.normalise(raw);
      String problem = raw == null ? null : PlateHotlistIndex.listingProblem(raw);
      if (problem != null) {
        row.problem("plate", problem + " (a plate, or a pattern such as 湘J?2345 or 湘JD*)");
      }
      String reason = row.required("reason");
      Severity severity = severity(row);
      Instant from = row.instantOrNull("validFrom");
      Instant to = row.instantOrNull("validTo");
      if (from != null && to != null && to.isBefore(from)) {
        row.problem("validTo", to + " is before validFrom " + from);
      }
      if (row.valid()) {
        entries.add(new HotlistEntry(plate, reason, severity, from, to));
      }
    }
    return entries;
  }

  private static Severity severity(CsvFile.Row row) {
    String value = row.required("severity");
    if (value == null) {
      return null;
    }
    return Severity.fromLabel(value)
        .orElseGet(
            () -> {
              row.problem("severity", "'" + value + "' is not one of " + Severity.labels());
              return null;
            });
  }
}
