package org.sharpeyes.ingest.rule;

import java.util.Optional;
import org.sharpeyes.ingest.config.PlateHotlistConfig;
import org.sharpeyes.ingest.reference.HotlistEntry;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.PlateDirectory;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.plate.PlateMatch;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * {@value #ID}: a {@code vehicle.sighted} whose plate is on the hotlist (an entry valid now, by the
 * context's clock) or belongs to a key person raises an alert.
 *
 * <ul>
 *   <li>Matching: through {@link PlateDirectory} — exact, by lookalike characters (8/B, 0/D, …), by
 *       a hotlist pattern ({@code 湘JD*}), and for reads with a confidence below {@link
 *       PlateHotlistConfig#lowConfidenceBelow()} with one more character (or the province)
 *       different. The reason ends in {@code match: exact} or {@code match: fuzzy (position 4: read
 *       8, listed B)}.
 *   <li>Severity: the entry's severity, or the key person's risk level (red → critical, orange →
 *       high, yellow → medium); the more urgent when both apply. A fuzzy match is {@link
 *       PlateHotlistConfig#fuzzySeverityStep()} steps less urgent (never below low).
 *   <li>Subject: the key person when the plate is theirs (so sightings of any of their vehicles
 *       fold into one alert), otherwise the listed plate (misreads of one vehicle fold into its
 *       alert; a pattern's sightings are keyed by the plate read).
 * </ul>
 */
public final class PlateHotlistRule implements CorrelationRule {

  public static final String ID = "plate-hotlist";

  private final PlateHotlistConfig config;

  /** With the default severity step and confidence bound. */
  public PlateHotlistRule() {
    this(PlateHotlistConfig.defaults());
  }

  public PlateHotlistRule(PlateHotlistConfig config) {
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof VehicleSighted sighted)) {
      return Optional.empty();
    }
    String plate = PlateNumber.normalise(sighted.plateNumber());
    if (plate.isEmpty()) {
      return Optional.empty();
    }
    boolean low = sighted.confidence() < config.lowConfidenceBelow();
    PlateDirectory plates = context.reference().plates();
    Optional<PlateMatch<HotlistEntry>> entry =
        plates.activeMatch(plate, low, context.clock().instant());
    Optional<PlateMatch<KeyPerson>> person = plates.keyPersonMatch(plate, low);
    if (person.isPresent()) {
      KeyPerson p = person.get().value();
      Severity severity =
          entry
              .map(e -> stepped(e).max(stepped(person.get(), p.riskLevel().alertSeverity())))
              .orElse(stepped(person.get(), p.riskLevel().alertSeverity()));
      String reason =
          "key person's vehicle ("
              + p.riskLevel().label()
              + ", "
              + String.join(", ", p.categories())
              + ")"
              + entry.map(e -> "; hotlist: " + e.value().reason()).orElse("")
              + "; match: "
              + person.get().describe();
      return Optional.of(
          new AlertCandidate(
              ID,
              severity,
              SubjectType.PERSON,
              p.id(),
              p.name() + " (" + label(plate, person.get()) + ")",
              p.id(),
              plate,
              reason));
    }
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    PlateMatch<HotlistEntry> m = entry.get();
    String listed = m.value().plate();
    String key = listed.contains("?") || listed.contains("*") ? plate : listed;
    return Optional.of(
        new AlertCandidate(
            ID,
            stepped(m),
            SubjectType.PLATE,
            key,
            label(plate, m),
            null,
            plate,
            m.value().reason() + "; match: " + m.describe()));
  }

  private Severity stepped(PlateMatch<HotlistEntry> m) {
    return stepped(m, m.value().severity());
  }

  private Severity stepped(PlateMatch<?> m, Severity listed) {
    if (m.exact()) {
      return listed;
    }
    Severity[] all = Severity.values();
    return all[Math.min(all.length - 1, listed.ordinal() + config.fuzzySeverityStep())];
  }

  /** The plate read, and the listed one when they differ: {@code 湘J3BJ91 (listed 湘J38J91)}. */
  private static String label(String read, PlateMatch<?> m) {
    return m.exact() ? read : read + ", listed " + m.listing();
  }
}
