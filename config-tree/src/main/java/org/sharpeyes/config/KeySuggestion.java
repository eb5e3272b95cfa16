package org.sharpeyes.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The one "did you mean": the known word closest to a misspelt key or value. Case is ignored; a
 * candidate is offered only when it is a plausible typo — at most one edit for words up to 5
 * characters, two up to 8, three beyond — and otherwise every known word is listed.
 */
public final class KeySuggestion {

  private KeySuggestion() {}

  /** The closest candidate within the tolerance; the first in order when two are as close. */
  public static Optional<String> nearest(String typed, Collection<String> candidates) {
    String needle = typed.toLowerCase(Locale.ROOT);
    int allowed = tolerance(typed);
    // With a threshold the distance costs O(length × threshold), even for a fuzzer's long keys.
    LevenshteinDistance distance = new LevenshteinDistance(allowed);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance.apply(needle, candidate.toLowerCase(Locale.ROOT));
      if (d >= 0 && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * What to tell someone who wrote {@code typed}: {@code did you mean 'url'?}, or {@code expected
   * one of: a, b, c} (in the candidates' order) when nothing is close.
   */
  public static String hint(String typed, Collection<String> candidates) {
    return nearest(typed, candidates)
        .map(k -> "did you mean '" + k + "'?")
        .orElseGet(() -> "expected one of: " + String.join(", ", candidates));
  }

  /** Edits allowed for a word of this length: 1 up to 5 characters, 2 up to 8, then 3. */
  static int tolerance(String typed) {
    return Math.max(1, Math.min(3, typed.length() / 3));
  }
}
