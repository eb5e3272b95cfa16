package org.sharpeyes.ingest.reference;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sharpeyes.schema.plate.PlateHotlistIndex;
import org.sharpeyes.schema.plate.PlateMatch;
import org.sharpeyes.schema.plate.PlateNumber;

/**
 * Looks up a plate on the hotlist and among key persons' vehicles, through a {@link
 * PlateHotlistIndex} each: plates are compared normalised ({@code 湘J·38J91} finds {@code 湘J38J91}),
 * lookalike characters match fuzzily ({@code 湘J3BJ91} finds it too), hotlist patterns ({@code
 * 湘JD*}) match what fits them, and a low-confidence read may differ in one more character.
 * Immutable and thread-safe.
 */
public final class PlateDirectory {

  private static final Comparator<PlateMatch<HotlistEntry>> BEST_FIRST =
      Comparator.<PlateMatch<HotlistEntry>>comparingInt(m -> m.exact() ? 0 : 1)
          .thenComparingInt(m -> m.differences().size())
          .thenComparing(m -> m.value().severity());

  private final PlateHotlistIndex<HotlistEntry> hotlist;
  private final PlateHotlistIndex<KeyPerson> owners;
  private final int hotlistSize;

  /**
   * Key persons' plates must be unique across persons, and every plate and listing valid (the
   * loader checks both).
   */
  PlateDirectory(Collection<HotlistEntry> entries, Collection<KeyPerson> persons) {
    PlateHotlistIndex.Builder<HotlistEntry> listed = PlateHotlistIndex.builder();
    Set<String> distinct = new HashSet<>();
    entries.forEach(
        e -> {
          listed.add(e.plate(), e);
          distinct.add(PlateNumber.normalise(e.plate()));
        });
    PlateHotlistIndex.Builder<KeyPerson> driven = PlateHotlistIndex.builder();
    persons.forEach(p -> p.plates().forEach(plate -> driven.add(plate, p)));
    this.hotlist = listed.build();
    this.owners = driven.build();
    this.hotlistSize = distinct.size();
  }

  /** Every hotlist entry listed as exactly this plate (or a pattern it fits), active or not. */
  public List<HotlistEntry> hotlistEntries(String plate) {
    return hotlist.match(plate, false).stream()
        .filter(PlateMatch::exact)
        .map(PlateMatch::value)
        .toList();
  }

  /**
   * The entry that applies at {@code at} and matches best: exact before fuzzy, fewer differences
   * first, then the most severe.
   *
   * @param lowConfidence the reader was unsure of the plate (see {@link PlateHotlistIndex#match})
   */
  public Optional<PlateMatch<HotlistEntry>> activeMatch(
      String plate, boolean lowConfidence, Instant at) {
    return hotlist.match(plate, lowConfidence).stream()
        .filter(m -> m.value().activeAt(at))
        .min(BEST_FIRST);
  }

  /** The entry of the plate (exact or by lookalikes) that applies at {@code at}, if any. */
  public Optional<HotlistEntry> activeEntry(String plate, Instant at) {
    return activeMatch(plate, false, at).map(PlateMatch::value);
  }

  /** The key person who drives this plate, and how it matched; exact matches first. */
  public Optional<PlateMatch<KeyPerson>> keyPersonMatch(String plate, boolean lowConfidence) {
    return owners.match(plate, lowConfidence).stream().findFirst();
  }

  /** The key person who drives this plate (exact or by lookalikes), if any. */
  public Optional<KeyPerson> keyPersonOf(String plate) {
    return keyPersonMatch(plate, false).map(PlateMatch::value);
  }

  /** Number of distinct plates and patterns on the hotlist. */
  public int hotlistSize() {
    return hotlistSize;
  }
}
