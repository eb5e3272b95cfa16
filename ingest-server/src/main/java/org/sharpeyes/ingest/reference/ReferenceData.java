package org.sharpeyes.ingest.reference;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reference data of one city: regions, grid cells, devices, sites, key persons and the plate
 * hotlist, cross-checked at load time (every device lies in a cell, every cell in a known village,
 * and so on). Immutable and thread-safe.
 */
public final class ReferenceData {

  /** File names inside a reference data directory. */
  public static final String REGIONS = "regions.csv";

  public static final String GRIDS = "grids.geojson";
  public static final String DEVICES = "devices.csv";
  public static final String SITES = "sites.csv";
  public static final String KEY_PERSONS = "key-persons.csv";
  public static final String HOTLIST = "plate-hotlist.csv";

  private final RegionDirectory regions;
  private final GridDirectory grids;
  private final Map<String, Device> devices;
  private final Map<String, Site> sites;
  private final Map<String, KeyPerson> keyPersons;
  private final Map<String, KeyPerson> byCredential = new LinkedHashMap<>();
  private final PlateDirectory plates;
  private final CommandStructure command;

  ReferenceData(
      RegionDirectory regions,
      GridDirectory grids,
      List<Device> devices,
      List<Site> sites,
      List<KeyPerson> keyPersons,
      PlateDirectory plates,
      CommandStructure command) {
    this.command = command;
    this.regions = regions;
    this.grids = grids;
    this.devices = index(devices, Device::id);
    this.sites = index(sites, Site::id);
    this.keyPersons = index(keyPersons, KeyPerson::id);
    for (KeyPerson p : keyPersons) {
      p.credentials().forEach(c -> byCredential.putIfAbsent(c, p));
    }
    this.plates = plates;
  }

  /**
   * Reads and checks the six files in {@code dir} ({@value #REGIONS}, {@value #GRIDS}, {@value
   * #DEVICES}, {@value #SITES}, {@value #KEY_PERSONS}, {@value #HOTLIST}). Never throws for bad
   * content: every problem found is in the {@link ReferenceLoad.Failed} result.
   */
  public static ReferenceLoad load(Path dir) {
    return new ReferenceLoader(dir).load();
  }

  public RegionDirectory regions() {
    return regions;
  }

  /** Desks, departments and staff (desks.csv, departments.csv, staff.csv). */
  public CommandStructure command() {
    return command;
  }

  public GridDirectory grids() {
    return grids;
  }

  public PlateDirectory plates() {
    return plates;
  }

  public Optional<Device> device(String id) {
    return Optional.ofNullable(id == null ? null : devices.get(id));
  }

  public Collection<Device> devices() {
    return Collections.unmodifiableCollection(devices.values());
  }

  public Collection<Site> sites() {
    return Collections.unmodifiableCollection(sites.values());
  }

  public Optional<KeyPerson> keyPerson(String id) {
    return Optional.ofNullable(id == null ? null : keyPersons.get(id));
  }

  /** The key person holding access credential {@code credentialId} (card number, QR id…). */
  public Optional<KeyPerson> keyPersonByCredential(String credentialId) {
    return Optional.ofNullable(credentialId == null ? null : byCredential.get(credentialId));
  }

  public Collection<KeyPerson> keyPersons() {
    return Collections.unmodifiableCollection(keyPersons.values());
  }

  /** The device with its grid cell and region chain; empty for an unknown device. */
  public Optional<DeviceLocation> locate(String deviceId) {
    return device(deviceId)
        .flatMap(
            d ->
                grids
                    .byCode(d.gridCode())
                    .map(g -> new DeviceLocation(d, g, regions.chain(g.villageCode()))));
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream()
        .collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }
}
