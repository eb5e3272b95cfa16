package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters of the access-control rules ({@code rules.*} in the config).
 *
 * @param deniedCount {@code access-denied-burst}: this many denied attempts…
 * @param deniedWithin …at one door, or by one credential, within this long
 * @param heldLongerThan {@code door-held}: a door open longer than this
 * @param allowedFrom {@code off-hours-access}: key persons' access is allowed from…
 * @param allowedUntil …until (local time; a window may cross midnight)
 * @param zone the time zone of the allowed hours
 * @param offHoursDoors the doors (device ids) the off-hours rule watches; empty means every door
 * @param deviceOffline {@code device-offline}: how long a device may be offline
 * @param plateHotlist {@code plate-hotlist}: fuzzy matching's severity step and confidence bound
 */
public record AccessRulesConfig(
    int deniedCount,
    Duration deniedWithin,
    Duration heldLongerThan,
    LocalTime allowedFrom,
    LocalTime allowedUntil,
    ZoneId zone,
    Set<String> offHoursDoors,
    DeviceOfflineConfig deviceOffline,
    PlateHotlistConfig plateHotlist) {

  public AccessRulesConfig {
    offHoursDoors = Set.copyOf(offHoursDoors);
    Objects.requireNonNull(plateHotlist, "plateHotlist");
  }

  /** The access rules' parameters, with rule {@code plate-hotlist}'s defaults. */
  public AccessRulesConfig(
      int deniedCount,
      Duration deniedWithin,
      Duration heldLongerThan,
      LocalTime allowedFrom,
      LocalTime allowedUntil,
      ZoneId zone,
      Set<String> offHoursDoors,
      DeviceOfflineConfig deviceOffline) {
    this(
        deniedCount,
        deniedWithin,
        heldLongerThan,
        allowedFrom,
        allowedUntil,
        zone,
        offHoursDoors,
        deviceOffline,
        PlateHotlistConfig.defaults());
  }

  /**
   * The access rules' parameters, with rules {@code device-offline}'s and {@code plate-hotlist}'s
   * defaults.
   */
  public AccessRulesConfig(
      int deniedCount,
      Duration deniedWithin,
      Duration heldLongerThan,
      LocalTime allowedFrom,
      LocalTime allowedUntil,
      ZoneId zone,
      Set<String> offHoursDoors) {
    this(
        deniedCount,
        deniedWithin,
        heldLongerThan,
        allowedFrom,
        allowedUntil,
        zone,
        offHoursDoors,
        DeviceOfflineConfig.defaults());
  }

  public static AccessRulesConfig defaults() {
    return new AccessRulesConfig(
        5,
        Duration.ofMinutes(2),
        Duration.ofMinutes(1),
        LocalTime.of(6, 0),
        LocalTime.of(22, 0),
        ZoneId.of("Asia/Shanghai"),
        Set.of());
  }

  /** A copy with other {@code device-offline} parameters. */
  public AccessRulesConfig withDeviceOffline(DeviceOfflineConfig newDeviceOffline) {
    return new AccessRulesConfig(
        deniedCount,
        deniedWithin,
        heldLongerThan,
        allowedFrom,
        allowedUntil,
        zone,
        offHoursDoors,
        newDeviceOffline,
        plateHotlist);
  }

  /** Whether {@code t} (local) is within the allowed hours. */
  public boolean allowedAt(LocalTime t) {
    return allowedFrom.isBefore(allowedUntil)
        ? !t.isBefore(allowedFrom) && t.isBefore(allowedUntil)
        : !t.isBefore(allowedFrom) || t.isBefore(allowedUntil);
  }
}
