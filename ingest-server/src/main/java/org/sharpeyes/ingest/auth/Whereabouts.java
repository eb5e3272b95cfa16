package org.sharpeyes.ingest.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.ReferenceLoad;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * Where things stand in the region tree, for jurisdiction checks: devices (by their grid cell),
 * edges (by the devices they read) and key persons (by their home grid). Built once from the
 * reference data; immutable and thread-safe.
 */
public final class Whereabouts {

  private final RegionDirectory regions;
  private final Map<String, String> pathOfDevice;
  private final Map<String, Set<String>> pathsOfEdge;
  private final Map<String, String> pathOfPerson;

  private Whereabouts(
      RegionDirectory regions,
      Map<String, String> pathOfDevice,
      Map<String, Set<String>> pathsOfEdge,
      Map<String, String> pathOfPerson) {
    this.regions = regions;
    this.pathOfDevice = Map.copyOf(pathOfDevice);
    this.pathsOfEdge = Map.copyOf(pathsOfEdge);
    this.pathOfPerson = Map.copyOf(pathOfPerson);
  }

  public static Whereabouts of(ReferenceData reference) {
    Map<String, String> devices = new HashMap<>();
    Map<String, java.util.TreeSet<String>> edges = new HashMap<>();
    for (Device d : reference.devices()) {
      Optional<DeviceLocation> at = reference.locate(d.id());
      if (at.isEmpty()) {
        continue;
      }
      String path = at.get().regionPath();
      devices.put(d.id(), path);
      edges.computeIfAbsent(d.edgeId(), e -> new java.util.TreeSet<>()).add(path);
    }
    Map<String, Set<String>> edgePaths = new HashMap<>();
    edges.forEach((edge, paths) -> edgePaths.put(edge, Set.copyOf(paths)));
    Map<String, String> persons = new HashMap<>();
    reference
        .keyPersons()
        .forEach(
            p -> {
              List<org.sharpeyes.ingest.reference.Region> chain =
                  reference.regions().chain(p.homeGrid());
              if (!chain.isEmpty()) {
                persons.put(p.id(), RegionDirectory.path(chain));
              }
            });
    return new Whereabouts(reference.regions(), devices, edgePaths, persons);
  }

  /**
   * From the reference data in {@code dir}; when it does not load (a server run without the alert
   * module), a tree with no region, in which nobody's jurisdiction covers anything.
   */
  public static Whereabouts load(java.nio.file.Path dir) {
    ReferenceLoad load = ReferenceData.load(dir);
    if (load instanceof ReferenceLoad.Loaded loaded) {
      return of(loaded.data());
    }
    return new Whereabouts(RegionDirectory.empty(), Map.of(), Map.of(), Map.of());
  }

  public RegionDirectory regions() {
    return regions;
  }

  /**
   * The region path of the device's grid cell, e.g. {@code /430700/430702/…/}; empty if unknown.
   */
  public Optional<String> pathOfDevice(String deviceId) {
    return Optional.ofNullable(deviceId == null ? null : pathOfDevice.get(deviceId));
  }

  /** The region paths of the devices the edge reads; empty when none is known. */
  public Set<String> pathsOfEdge(String edgeId) {
    return pathsOfEdge.getOrDefault(edgeId, Set.of());
  }

  /** The region path of the person's home grid; empty for an unknown person. */
  public Optional<String> pathOfPerson(String personId) {
    return Optional.ofNullable(personId == null ? null : pathOfPerson.get(personId));
  }

  /** The ids of the devices whose grid cell lies in the subtree of {@code regionCode}. */
  public List<String> devicesWithin(String regionCode) {
    String mark = "/" + regionCode + "/";
    return pathOfDevice.entrySet().stream()
        .filter(e -> e.getValue().contains(mark))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
