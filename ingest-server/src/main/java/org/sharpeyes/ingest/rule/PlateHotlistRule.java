package org.sharpeyes.ingest.rule;

import java.util.Optional;
import org.sharpeyes.ingest.reference.HotlistEntry;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.PlateDirectory;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.plate.PlateNumbers;

/**
 * {@value #ID}: a {@code vehicle.sighted} whose plate is on the hotlist (an entry valid now, by the
 * context's clock) or belongs to a key person raises an alert.
 *
 * <ul>
 *   <li>Severity: the entry's severity, or the key person's risk level (red → critical, orange →
 *       high, yellow → medium); the more urgent when both apply.
 *   <li>Subject: the key person when the plate is theirs (so sightings of any of their vehicles
 *       fold into one alert), otherwise the plate.
 * </ul>
 *
 * Matching is exact on the normalised plate; fuzzy matching for OCR confusions is not done yet.
 */
public final class PlateHotlistRule implements CorrelationRule {

  public static final String ID = "plate-hotlist";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof VehicleSighted sighted)) {
      return Optional.empty();
    }
    String plate = PlateNumbers.normalise(sighted.plateNumber());
    if (plate.isEmpty()) {
      return Optional.empty();
    }
    PlateDirectory plates = context.reference().plates();
    Optional<HotlistEntry> entry = plates.activeEntry(plate, context.clock().instant());
    Optional<KeyPerson> person = plates.keyPersonOf(plate);
    if (entry.isEmpty() && person.isEmpty()) {
      return Optional.empty();
    }
    if (person.isPresent()) {
      KeyPerson p = person.get();
      Severity severity =
          entry
              .map(e -> e.severity().max(p.riskLevel().alertSeverity()))
              .orElse(p.riskLevel().alertSeverity());
      String reason =
          "key person's vehicle ("
              + p.riskLevel().label()
              + ", "
              + String.join(", ", p.categories())
              + ")"
              + entry.map(e -> "; hotlist: " + e.reason()).orElse("");
      return Optional.of(
          new AlertCandidate(
              ID,
              severity,
              SubjectType.PERSON,
              p.id(),
              p.name() + " (" + plate + ")",
              p.id(),
              plate,
              reason));
    }
    HotlistEntry e = entry.get();
    return Optional.of(
        new AlertCandidate(
            ID, e.severity(), SubjectType.PLATE, plate, plate, null, plate, e.reason()));
  }
}
