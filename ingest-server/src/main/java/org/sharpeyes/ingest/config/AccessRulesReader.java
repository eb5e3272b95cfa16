package org.sharpeyes.ingest.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.config.ConfigTree;

/**
 * Reads the {@code rules} section: the access-control rules' and plate-hotlist rule's parameters.
 */
final class AccessRulesReader {

  static final List<String> KEYS =
      List.of("accessDeniedBurst", "doorHeld", "offHoursAccess", "deviceOffline", "plateHotlist");

  private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
  private static final Pattern DEVICE_ID = Pattern.compile("\\d{20}");

  private AccessRulesReader() {}

  /** The parameters, or {@code null} when the section has problems (all recorded). */
  static AccessRulesConfig read(ConfigTree rules) {
    int before = rules.problemCount();
    rules.allowKeys(KEYS);
    AccessRulesConfig d = AccessRulesConfig.defaults();
    ConfigTree burst = rules.sectionOrEmpty("accessDeniedBurst");
    burst.allowKeys(List.of("count", "within"));
    ConfigTree held = rules.sectionOrEmpty("doorHeld");
    held.allowKeys(List.of("longerThan"));
    ConfigTree off = rules.sectionOrEmpty("offHoursAccess");
    off.allowKeys(List.of("allowed", "zone", "doors"));
    Integer count = burst.integer("count", d.deniedCount(), 2, 1000);
    Duration within =
        burst.duration("within", d.deniedWithin(), Duration.ofSeconds(1), Duration.ofDays(1));
    Duration longer =
        held.duration("longerThan", d.heldLongerThan(), Duration.ofSeconds(1), Duration.ofDays(1));
    LocalTime[] window = {d.allowedFrom(), d.allowedUntil()};
    String allowed = off.text("allowed");
    if (allowed != null) {
      window = window(off, allowed);
    }
    ZoneId zone = d.zone();
    String zoneText = off.text("zone");
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        off.problem("zone", "'" + zoneText + "' is not a time zone — write e.g. Asia/Shanghai");
      }
    }
    Set<String> doors = doors(off);
    DeviceOfflineConfig offline = DeviceOfflineReader.read(rules.sectionOrEmpty("deviceOffline"));
    ConfigTree plates = rules.sectionOrEmpty("plateHotlist");
    plates.allowKeys(List.of("fuzzySeverityStep", "lowConfidenceBelow"));
    PlateHotlistConfig pd = PlateHotlistConfig.defaults();
    Integer step = plates.integer("fuzzySeverityStep", pd.fuzzySeverityStep(), 0, 3);
    Double low = plates.decimal("lowConfidenceBelow", pd.lowConfidenceBelow(), 0, 1);
    if (rules.problemCount() > before) {
      return null;
    }
    return new AccessRulesConfig(
        count,
        within,
        longer,
        window[0],
        window[1],
        zone,
        doors,
        offline,
        new PlateHotlistConfig(step, low));
  }

  private static LocalTime[] window(ConfigTree off, String allowed) {
    Matcher m = HOURS.matcher(allowed.trim());
    try {
      if (!m.matches()) {
        throw new DateTimeException("not HH:MM-HH:MM");
      }
      LocalTime from = LocalTime.parse(m.group(1));
      LocalTime until = LocalTime.parse(m.group(2));
      if (from.equals(until)) {
        off.problem("allowed", "'" + allowed + "' allows no time at all — write e.g. 06:00-22:00");
      }
      return new LocalTime[] {from, until};
    } catch (DateTimeException e) {
      off.problem(
          "allowed",
          "'"
              + allowed
              + "' is not a time window — write HH:MM-HH:MM, e.g. 06:00-22:00 (22:00-06:00"
              + " crosses midnight)");
      return new LocalTime[] {null, null};
    }
  }

  private static Set<String> doors(ConfigTree off) {
    Set<String> doors = new LinkedHashSet<>();
    List<String> listed = off.texts("doors");
    if (listed == null) {
      return doors;
    }
    for (int i = 0; i < listed.size(); i++) {
      if (!DEVICE_ID.matcher(listed.get(i)).matches()) {
        off.problem(
            "doors[" + i + "]",
            "'"
                + listed.get(i)
                + "' is not a 20-digit device id — use the door's id from devices.csv");
      } else {
        doors.add(listed.get(i));
      }
    }
    return doors;
  }
}
