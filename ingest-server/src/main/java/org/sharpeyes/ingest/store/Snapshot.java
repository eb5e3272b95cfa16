package org.sharpeyes.ingest.store;

import java.time.Instant;

/**
 * A snapshot image an edge published for an event.
 *
 * @param eventId the event it belongs to
 * @param edgeId the edge that published it
 * @param image the bytes (JPEG by contract; not checked)
 * @param receivedAt when the server received it
 */
public record Snapshot(String eventId, String edgeId, byte[] image, Instant receivedAt) {}
