package org.sharpeyes.ingest.alert;

import java.time.Instant;

/**
 * One sighting behind an alert.
 *
 * @param eventId the stored event
 * @param seenAt when the device saw it
 */
public record Evidence(String eventId, Instant seenAt) {}
