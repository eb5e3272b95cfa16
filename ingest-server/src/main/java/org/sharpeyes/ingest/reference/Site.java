package org.sharpeyes.ingest.reference;

/**
 * A sensitive place (government office, school, station, petition office...).
 *
 * @param id e.g. {@code SITE-02}
 * @param name e.g. {@code 常德火车站}; devices refer to a site by this name
 * @param kind e.g. {@code station}
 * @param lat WGS84 latitude of the centre in degrees
 * @param lon WGS84 longitude of the centre in degrees
 * @param radiusMeters radius of the area around the centre
 * @param gridCode the grid cell the centre lies in
 */
public record Site(
    String id,
    String name,
    String kind,
    double lat,
    double lon,
    double radiusMeters,
    String gridCode) {}
