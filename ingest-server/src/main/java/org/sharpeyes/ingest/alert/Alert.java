package org.sharpeyes.ingest.alert;

import java.time.Instant;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.SubjectType;

/**
 * An alert as stored. Location fields describe where it was first raised.
 *
 * @param id UUIDv7, time-ordered
 * @param rule the rule that raised it
 * @param severity how urgent
 * @param subjectType what it is about
 * @param subjectKey person id, plate, door or device id
 * @param subjectLabel what an operator reads
 * @param state where it is in the workflow
 * @param deviceId the device of the first sighting
 * @param gridCode that device's grid cell, or {@code null} when the device is unknown
 * @param villageCode that cell's village, or {@code null}
 * @param regionPath region codes from the city down, e.g. {@code /430700/430702/430702002/...}
 * @param personId the key person concerned, or {@code null}
 * @param plate the plate concerned, or {@code null}
 * @param reason why the rule fired, in words
 * @param count sightings folded into it, from 1
 * @param firstSeen event time of the earliest sighting
 * @param lastSeen event time of the latest sighting
 * @param createdAt when the server raised it
 * @param updatedAt when the server last changed it
 * @param firstEventId the earliest sighting
 * @param lastEventId the latest sighting
 * @param version from 1, +1 on every change
 */
public record Alert(
    String id,
    String rule,
    Severity severity,
    SubjectType subjectType,
    String subjectKey,
    String subjectLabel,
    AlertState state,
    String deviceId,
    String gridCode,
    String villageCode,
    String regionPath,
    String personId,
    String plate,
    String reason,
    int count,
    Instant firstSeen,
    Instant lastSeen,
    Instant createdAt,
    Instant updatedAt,
    String firstEventId,
    String lastEventId,
    int version) {

  /** True when the alert lies in the subtree of {@code regionCode}. */
  public boolean inRegion(String regionCode) {
    return regionPath.contains("/" + regionCode + "/");
  }
}
