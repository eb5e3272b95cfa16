package org.sharpeyes.ingest.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;

/**
 * Where an edge's alert goes: to the deepest region all its devices share (their village when they
 * stand in one, else their township, county…; the city when they are spread across counties). An
 * alert row names a device, so it names the edge's first device (by id).
 *
 * @param placeBy the first of the edge's devices, or the edge id cut to 20 characters when none
 * @param regionCode the shared region, or {@code null} when no device of the edge is placed
 * @param devices how many devices the edge reads
 */
record EdgePlace(String placeBy, String regionCode, int devices) {

  static EdgePlace of(String edgeId, ReferenceData reference) {
    List<Device> devices =
        reference.devices().stream()
            .filter(d -> edgeId.equals(d.edgeId()))
            .sorted(java.util.Comparator.comparing(Device::id))
            .toList();
    List<Region> shared = null;
    for (Device d : devices) {
      Optional<DeviceLocation> at = reference.locate(d.id());
      if (at.isEmpty()) {
        continue;
      }
      List<Region> chain = at.get().regions();
      if (shared == null) {
        shared = new ArrayList<>(chain);
        continue;
      }
      int same = 0;
      while (same < shared.size()
          && same < chain.size()
          && shared.get(same).equals(chain.get(same))) {
        same++;
      }
      shared.subList(same, shared.size()).clear();
    }
    String region =
        shared == null || shared.isEmpty() ? null : shared.get(shared.size() - 1).code();
    String placeBy =
        devices.isEmpty()
            ? edgeId.substring(0, Math.min(20, edgeId.length()))
            : devices.get(0).id();
    return new EdgePlace(placeBy, region, devices.size());
  }
}
