package org.sharpeyes.ingest.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.schema.plate.PlateNumbers;

/**
 * Looks up a plate on the hotlist and among key persons' vehicles. Every plate, stored or asked
 * for, goes through {@link PlateNumbers#normalise}, so {@code 湘J·38J91} finds {@code 湘J38J91}.
 * Immutable and thread-safe.
 */
public final class PlateDirectory {

  private final Map<String, List<HotlistEntry>> hotlist = new HashMap<>();
  private final Map<String, KeyPerson> owners = new HashMap<>();

  /** Key persons' plates must be unique across persons (the loader checks this). */
  PlateDirectory(Collection<HotlistEntry> entries, Collection<KeyPerson> persons) {
    entries.forEach(
        e ->
            hotlist
                .computeIfAbsent(PlateNumbers.normalise(e.plate()), p -> new ArrayList<>())
                .add(e));
    persons.forEach(p -> p.plates().forEach(plate -> owners.put(PlateNumbers.normalise(plate), p)));
  }

  /** Every hotlist entry of the plate, active or not. */
  public List<HotlistEntry> hotlistEntries(String plate) {
    return List.copyOf(hotlist.getOrDefault(PlateNumbers.normalise(plate), List.of()));
  }

  /** The most severe entry of the plate that applies at {@code at}, if any. */
  public Optional<HotlistEntry> activeEntry(String plate, Instant at) {
    return hotlistEntries(plate).stream()
        .filter(e -> e.activeAt(at))
        .min(Comparator.comparing(HotlistEntry::severity));
  }

  /** The key person who drives this plate, if any. */
  public Optional<KeyPerson> keyPersonOf(String plate) {
    return Optional.ofNullable(owners.get(PlateNumbers.normalise(plate)));
  }

  /** Number of distinct plates on the hotlist. */
  public int hotlistSize() {
    return hotlist.size();
  }
}
