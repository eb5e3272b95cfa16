package org.sharpeyes.ingest.reference;

/**
 * A command-centre desk (指挥中心/综治中心), one per region that has one.
 *
 * @param regionCode the region it serves; also the desk's id
 * @param name e.g. {@code 柳湾街道综治中心}
 * @param level the region's level
 */
public record Desk(String regionCode, String name, RegionLevel level) {}
