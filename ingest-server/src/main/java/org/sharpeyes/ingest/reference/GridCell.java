package org.sharpeyes.ingest.reference;

import org.locationtech.jts.geom.Polygon;

/**
 * One grid cell (网格) of a village, the smallest unit of grid governance.
 *
 * @param code the village code plus 2 digits (14 digits)
 * @param villageCode the village (村/社区) the cell belongs to
 * @param name e.g. {@code 柳湾社区第1网格}
 * @param gridWorker name of the grid worker (网格员) responsible for the cell
 * @param polygon the cell's outline; x is longitude, y is latitude (WGS84 degrees)
 */
public record GridCell(
    String code, String villageCode, String name, String gridWorker, Polygon polygon) {}
