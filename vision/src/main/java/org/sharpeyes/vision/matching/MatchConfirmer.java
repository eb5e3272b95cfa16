package org.sharpeyes.vision.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a person only when the frames agree: at least {@code k} of the last {@code n} analysed
 * frames, all within {@code window}, matched that person. Then one match per person per cooldown:
 * repeats inside it are counted, not announced. One per camera; confined to its analysis thread.
 */
public final class MatchConfirmer {

  private final int k;
  private final int n;
  private final Duration window;
  private final Duration cooldown;
  private final int maxPersons;
  private final ArrayDeque<Frame> frames = new ArrayDeque<>();
  private final Map<String, Instant> lastAnnounced = new LinkedHashMap<>();
  private long suppressed;

  /**
   * @param maxPersons bound of the cooldown memory; the oldest entries go first
   */
  public MatchConfirmer(int k, int n, Duration window, Duration cooldown, int maxPersons) {
    if (k < 1 || n < k) {
      throw new IllegalArgumentException("need 1 <= k <= n, got k=" + k + ", n=" + n);
    }
    this.k = k;
    this.n = n;
    this.window = window;
    this.cooldown = cooldown;
    this.maxPersons = maxPersons;
  }

  /** A person named after enough frames agreed. */
  public record Confirmed(
      String personId, double similarity, double threshold, int framesAgreeing) {}

  private record Frame(Instant at, Map<String, FaceMatcher.Match> matches) {}

  /**
   * Takes one analysed frame's matches (several faces may match several persons).
   *
   * @return the persons confirmed by this frame and not in their cooldown
   */
  public List<Confirmed> onFrame(Instant at, List<FaceMatcher.Match> matches) {
    Map<String, FaceMatcher.Match> best = new HashMap<>();
    for (FaceMatcher.Match m : matches) {
      best.merge(m.personId(), m, (a, b) -> a.similarity() >= b.similarity() ? a : b);
    }
    frames.addLast(new Frame(at, best));
    while (frames.size() > n || frames.peekFirst().at().isBefore(at.minus(window))) {
      frames.removeFirst();
    }
    List<Confirmed> confirmed = new ArrayList<>();
    for (String person : best.keySet()) {
      int agreeing = 0;
      FaceMatcher.Match strongest = null;
      for (Frame f : frames) {
        FaceMatcher.Match m = f.matches().get(person);
        if (m != null) {
          agreeing++;
          if (strongest == null || m.similarity() > strongest.similarity()) {
            strongest = m;
          }
        }
      }
      if (agreeing < k) {
        continue;
      }
      Instant last = lastAnnounced.get(person);
      if (last != null && at.isBefore(last.plus(cooldown))) {
        suppressed++;
        continue;
      }
      remember(person, at);
      confirmed.add(new Confirmed(person, strongest.similarity(), strongest.threshold(), agreeing));
    }
    return confirmed;
  }

  /** Confirmations held back by the cooldown so far. */
  public long suppressed() {
    return suppressed;
  }

  private void remember(String person, Instant at) {
    lastAnnounced.remove(person);
    lastAnnounced.put(person, at);
    Iterator<String> oldest = lastAnnounced.keySet().iterator();
    while (lastAnnounced.size() > maxPersons && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }
}
