package org.sharpeyes.ingest.reference;

/**
 * An administrative region with its GB/T 2260 code.
 *
 * @param code 6 digits (city, county), 9 (township) or 12 (village)
 * @param name e.g. {@code 武陵区}
 * @param level its level of command
 * @param parent code of the region one level up; {@code null} for the city
 */
public record Region(String code, String name, RegionLevel level, String parent) {}
