package org.sharpeyes.schema.plate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the listed plates a read matches, exactly or fuzzily (see {@code docs/plates.md}), without
 * scanning the list: listings are keyed by their characters after the province with lookalikes
 * folded per position ({@link PlateConfusables#fold}), so a read costs one hash lookup, plus one
 * per position when its confidence is low, plus a few for wildcard patterns.
 *
 * <p>A read matches a listing when, position by position, each character is the listed one, a
 * lookalike of it there, or under a {@code ?}; the province may be unread ({@code ?}, {@code *} or
 * missing in the read); and, only for a low-confidence read, one more character (the province
 * included) may differ. Listings may be plates ({@code 湘J38J91}) or patterns with {@code ?} (one
 * character) and a trailing {@code *} (the rest): {@code 湘J?2345}, {@code 湘JD*}.
 *
 * <p>Immutable and thread-safe once built.
 *
 * @param <T> what is listed with each plate, e.g. a hotlist entry
 */
public final class PlateHotlistIndex<T> {

  private static final int MASK = '·';

  private record Entry<T>(HotlistListing listing, T value, int order) {}

  private final Map<String, List<Entry<T>>> plain = new HashMap<>();
  private final Map<String, List<Entry<T>>> plainMasked = new HashMap<>();
  private final Map<String, List<Entry<T>>> patterns = new HashMap<>();
  private final Map<String, List<Entry<T>>> patternsMasked = new HashMap<>();
  private final int[] patternPrefixLengths;
  private final int size;

  private PlateHotlistIndex(List<Entry<T>> entries) {
    TreeSet<Integer> lengths = new TreeSet<>();
    for (Entry<T> e : entries) {
      HotlistListing l = e.listing();
      int k = l.prefixLength();
      int[] key = folded(l.tail());
      if (l.pattern()) {
        lengths.add(k);
        add(patterns, key(key, k, -1), e);
        for (int j = 0; j < k; j++) {
          add(patternsMasked, key(key, k, j), e);
        }
      } else {
        add(plain, key(key, k, -1), e);
        for (int j = 0; j < k; j++) {
          if (l.tail()[j] < 0x80) {
            add(plainMasked, key(key, k, j), e);
          }
        }
      }
    }
    this.patternPrefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    this.size = entries.size();
  }

  /** A builder; add every listing, then {@link Builder#build}. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Why {@code listing} cannot be listed (not a plate, nor a valid pattern), or {@code null} when
   * it can, e.g. {@code '湘J*12': * stands for the rest of the plate and may only come last}.
   */
  public static String listingProblem(String listing) {
    try {
      HotlistListing.of(listing);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Number of listings. */
  public int size() {
    return size;
  }

  /**
   * The listings {@code read} matches, best first: exact matches, then fewer differences, then in
   * the order they were added. Empty when none, or when {@code read} is empty.
   *
   * @param read a plate as read, in any writing {@link PlateNumber#normalise} accepts; a leading
   *     {@code ?} or {@code *}, or no province at all, means the province was not read
   * @param lowConfidence the reader was unsure: one difference that is not a lookalike is allowed
   */
  public List<PlateMatch<T>> match(String read, boolean lowConfidence) {
    int[] c = PlateNumber.normalise(read).codePoints().toArray();
    if (c.length == 0) {
      return List.of();
    }
    int province;
    int[] tail;
    if (c[0] == '?' || c[0] == '*' || c[0] < 0x80) {
      province = HotlistListing.ANY;
      tail =
          c[0] < 0x80 && c[0] != '?' && c[0] != '*'
              ? c
              : java.util.Arrays.copyOfRange(c, 1, c.length);
    } else {
      province = c[0];
      tail = java.util.Arrays.copyOfRange(c, 1, c.length);
    }
    int[] key = folded(tail);
    List<Entry<T>> candidates = new ArrayList<>(4);
    collect(plain, key(key, key.length, -1), candidates);
    for (int k : patternPrefixLengths) {
      if (k <= key.length) {
        collect(patterns, key(key, k, -1), candidates);
      }
    }
    if (lowConfidence) {
      for (int j = 0; j < key.length; j++) {
        collect(plainMasked, key(key, key.length, j), candidates);
      }
      for (int k : patternPrefixLengths) {
        for (int j = 0; j < k && k <= key.length; j++) {
          collect(patternsMasked, key(key, k, j), candidates);
        }
      }
    }
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<PlateMatch<T>> matches = new ArrayList<>(candidates.size());
    List<Integer> orders = new ArrayList<>(candidates.size());
    for (Entry<T> e : candidates) {
      PlateMatch<T> m = e.listing().compare(province, tail, lowConfidence, e.value());
      if (m != null) {
        matches.add(m);
        orders.add(e.order());
      }
    }
    if (matches.size() > 1) {
      List<Integer> index = new ArrayList<>();
      for (int i = 0; i < matches.size(); i++) {
        index.add(i);
      }
      index.sort(
          Comparator.<Integer>comparingInt(i -> matches.get(i).exact() ? 0 : 1)
              .thenComparingInt(i -> matches.get(i).differences().size())
              .thenComparingInt(orders::get));
      return index.stream().map(matches::get).toList();
    }
    return matches;
  }

  private static int[] folded(int[] tail) {
    int[] out = new int[tail.length];
    for (int i = 0; i < tail.length; i++) {
      out[i] = tail[i] == HotlistListing.ANY ? MASK : PlateConfusables.fold(i + 1, tail[i]);
    }
    return out;
  }

  private static String key(int[] folded, int length, int masked) {
    StringBuilder s = new StringBuilder(length + 1);
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(i == masked ? MASK : folded[i]);
    }
    return s.toString();
  }

  private static <T> void add(Map<String, List<Entry<T>>> map, String key, Entry<T> e) {
    map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(e);
  }

  private static <T> void collect(
      Map<String, List<Entry<T>>> map, String key, List<Entry<T>> into) {
    List<Entry<T>> found = map.get(key);
    if (found == null) {
      return;
    }
    for (Entry<T> e : found) {
      if (!containsSame(into, e)) {
        into.add(e);
      }
    }
  }

  private static <T> boolean containsSame(List<Entry<T>> list, Entry<T> e) {
    for (Entry<T> x : list) {
      if (x == e) {
        return true;
      }
    }
    return false;
  }

  /** Collects listings; not thread-safe. */
  public static final class Builder<T> {
    private final List<Entry<T>> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Lists {@code listing} (a plate or pattern, in any writing {@link PlateNumber#normalise}
     * accepts) with {@code value}. The same listing may be added more than once.
     *
     * @throws IllegalArgumentException with the reason when it is neither a plate nor a pattern
     *     (see {@link #listingProblem})
     */
    public Builder<T> add(String listing, T value) {
      entries.add(new Entry<>(HotlistListing.of(listing), value, entries.size()));
      return this;
    }

    public PlateHotlistIndex<T> build() {
      return new PlateHotlistIndex<>(List.copyOf(entries));
    }
  }
}
