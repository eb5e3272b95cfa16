package org.sharpeyes.ingest.reference;

/**
 * A device as installed: where it stands and which edge box speaks to it.
 *
 * @param id 20-digit GB/T 28181 code
 * @param kind e.g. {@code plate-reader}, {@code camera}, {@code gate}
 * @param edgeId the edge box that reads it
 * @param lat WGS84 latitude in degrees
 * @param lon WGS84 longitude in degrees
 * @param site name of the sensitive site it watches, or {@code null}
 * @param name human name, e.g. {@code 火车站卡口}
 * @param gridCode the grid cell it stands in (resolved from lat/lon at load time)
 */
public record Device(
    String id,
    String kind,
    String edgeId,
    double lat,
    double lon,
    String site,
    String name,
    String gridCode) {}
