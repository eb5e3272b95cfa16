package org.sharpeyes.ingest.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rules} section: the access-control rules' parameters. */
final class AccessRulesReader {

  private static final Pattern HOURS = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
  private static final Pattern DEVICE_ID = Pattern.compile("\\d{20}");

  private AccessRulesReader() {}

  static AccessRulesConfig read(ConfigSection rules) {
    AccessRulesConfig d = AccessRulesConfig.defaults();
    ConfigSection burst = rules.section("accessDeniedBurst", Set.of("count", "within"));
    ConfigSection held = rules.section("doorHeld", Set.of("longerThan"));
    ConfigSection off = rules.section("offHoursAccess", Set.of("allowed", "zone", "doors"));
    LocalTime from = d.allowedFrom();
    LocalTime until = d.allowedUntil();
    String allowed = off.string("allowed", null);
    if (allowed != null) {
      Matcher m = HOURS.matcher(allowed.trim());
      try {
        if (!m.matches()) {
          throw new DateTimeException("not HH:MM-HH:MM");
        }
        from = LocalTime.parse(m.group(1));
        until = LocalTime.parse(m.group(2));
        if (from.equals(until)) {
          off.error("allowed", "'" + allowed + "' allows no time at all", "write e.g. 06:00-22:00");
        }
      } catch (DateTimeException e) {
        off.error(
            "allowed",
            "'" + allowed + "' is not a time window",
            "write HH:MM-HH:MM, e.g. 06:00-22:00 (22:00-06:00 crosses midnight)");
      }
    }
    ZoneId zone = d.zone();
    String zoneText = off.string("zone", null);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        off.error("zone", "'" + zoneText + "' is not a time zone", "write e.g. Asia/Shanghai");
      }
    }
    Set<String> doors = new LinkedHashSet<>();
    var listed = off.strings("doors");
    for (int i = 0; i < listed.size(); i++) {
      if (!DEVICE_ID.matcher(listed.get(i)).matches()) {
        off.error(
            "doors[" + i + "]",
            "'" + listed.get(i) + "' is not a 20-digit device id",
            "use the door's id from devices.csv");
      } else {
        doors.add(listed.get(i));
      }
    }
    return new AccessRulesConfig(
        burst.integer("count", d.deniedCount(), 2, 1000),
        burst.duration("within", d.deniedWithin(), Duration.ofSeconds(1), Duration.ofDays(1)),
        held.duration("longerThan", d.heldLongerThan(), Duration.ofSeconds(1), Duration.ofDays(1)),
        from,
        until,
        zone,
        doors);
  }
}
