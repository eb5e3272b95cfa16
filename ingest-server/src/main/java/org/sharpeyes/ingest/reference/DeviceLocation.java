package org.sharpeyes.ingest.reference;

import java.util.List;

/**
 * Where a device stands in the grid and region tree.
 *
 * @param device the device
 * @param grid the cell it stands in
 * @param regions city first, village last
 */
public record DeviceLocation(Device device, GridCell grid, List<Region> regions) {

  public DeviceLocation {
    regions = List.copyOf(regions);
  }

  /** E.g. {@code /430700/430702/430702002/430702002001/}. */
  public String regionPath() {
    return RegionDirectory.path(regions);
  }
}
