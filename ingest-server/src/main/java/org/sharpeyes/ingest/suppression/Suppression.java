package org.sharpeyes.ingest.suppression;

import java.time.Instant;

/**
 * One row of {@code suppressions} (V7): while active, a sighting of the subject at the device (or
 * at any device of the site) raises no new alert of the rule (of any rule when {@code rule} is
 * null); it is counted in {@code hits} instead.
 *
 * @param kind {@link #SNOOZE} (a desk's) or {@link #FALSE_POSITIVE} (left by marking one)
 * @param rule the rule id, or {@code null} for every rule
 * @param deviceId the device, or {@code null} when {@code siteId} names a site
 * @param siteId the site (sites.csv id), or {@code null} when {@code deviceId} names a device
 * @param regionPath where it applies, for jurisdiction checks
 * @param liftedAt when a desk lifted it, or {@code null}
 */
public record Suppression(
    String id,
    String kind,
    String rule,
    String subjectType,
    String subjectKey,
    String deviceId,
    String siteId,
    String regionPath,
    String reason,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant liftedAt,
    long hits) {

  public static final String SNOOZE = "snooze";
  public static final String FALSE_POSITIVE = "false-positive";

  /** True while neither lifted nor expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return liftedAt == null && now.isBefore(expiresAt);
  }

  /** The key of the snapshot map: one subject. */
  static String subject(String subjectType, String subjectKey) {
    return subjectType + "|" + subjectKey;
  }

  Suppression withHits(long more) {
    return new Suppression(
        id,
        kind,
        rule,
        subjectType,
        subjectKey,
        deviceId,
        siteId,
        regionPath,
        reason,
        createdBy,
        createdAt,
        expiresAt,
        liftedAt,
        hits + more);
  }
}
