package org.sharpeyes.ingest.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the known key an operator most likely meant when they wrote an unknown one. */
final class KeySuggestion {

  private KeySuggestion() {}

  /** The fix to print for {@code unknown}: a close known key, or the list of known keys. */
  static String fixFor(String unknown, Collection<String> known) {
    return closest(unknown, known)
        .map(k -> "did you mean '" + k + "'?")
        .orElseGet(() -> "known keys here: " + String.join(", ", known.stream().sorted().toList()));
  }

  static Optional<String> closest(String unknown, Collection<String> known) {
    String u = unknown.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, u.length() / 3);
    return known.stream()
        .filter(k -> distance(u, k.toLowerCase(Locale.ROOT)) <= allowed)
        .min(Comparator.comparingInt(k -> distance(u, k.toLowerCase(Locale.ROOT))));
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    return LevenshteinDistance.getDefaultInstance().apply(a, b);
  }
}
