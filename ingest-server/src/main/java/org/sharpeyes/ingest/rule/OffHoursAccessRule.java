package org.sharpeyes.ingest.rule;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.sharpeyes.ingest.config.AccessRulesConfig;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.schema.event.DoorAccess;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * {@value #ID}: access granted to a key person's credential outside the allowed hours (local time
 * of the event), at a watched door (every door when none is listed), raises an alert about the
 * person, at the severity of their risk level.
 */
public final class OffHoursAccessRule implements CorrelationRule {

  public static final String ID = "off-hours-access";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  private final AccessRulesConfig config;

  public OffHoursAccessRule(AccessRulesConfig config) {
    this.config = config;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Optional<AlertCandidate> evaluate(EdgeEvent event, RuleContext context) {
    if (!(event.data() instanceof DoorAccess a)
        || a.result() != DoorAccess.Result.GRANTED
        || !(config.offHoursDoors().isEmpty() || config.offHoursDoors().contains(a.doorId()))) {
      return Optional.empty();
    }
    Optional<KeyPerson> person = context.reference().keyPersonByCredential(a.credentialId());
    LocalTime local = event.time().atZone(config.zone()).toLocalTime();
    if (person.isEmpty() || config.allowedAt(local)) {
      return Optional.empty();
    }
    KeyPerson p = person.get();
    return Optional.of(
        AlertCandidate.aboutPerson(
            ID,
            p.riskLevel().alertSeverity(),
            p,
            "access granted at "
                + local.format(HH_MM)
                + ", outside "
                + config.allowedFrom().format(HH_MM)
                + "–"
                + config.allowedUntil().format(HH_MM)
                + ", at "
                + Doors.label(context.reference(), a.doorId())
                + " with "
                + a.credentialType().name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + a.credentialId()));
  }
}
