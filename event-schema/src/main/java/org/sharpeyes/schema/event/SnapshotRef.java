package org.sharpeyes.schema.event;

/**
 * Reference to a snapshot image published separately on {@code .../snapshots/{eventId}}. Snapshots
 * may be dropped under pressure, so a reference is a promise that the edge tried, not that it
 * arrived.
 *
 * @param mediaType e.g. {@code image/jpeg}
 * @param sizeBytes size of the image in bytes
 */
public record SnapshotRef(String mediaType, int sizeBytes) {
  public static final String JPEG = "image/jpeg";
}
