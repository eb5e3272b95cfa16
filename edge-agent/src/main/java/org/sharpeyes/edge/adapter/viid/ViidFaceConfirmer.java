package org.sharpeyes.edge.adapter.viid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.vision.matching.FaceMatcher;

/**
 * The multi-frame rule adapted to GA/T 1400 captures, which arrive one picture at a time: a person
 * is confirmed when {@code captures} captures of one face track (same track key: the capture's
 * {@code SourceID} when the device sends one per track, else the device itself) matched that person
 * within {@code within}; or at once when one capture's similarity is at least {@code strict}. Then
 * one confirmation per person per device per {@code cooldown}. At most {@link #MAX_TRACKS} tracks
 * and {@link #MAX_ANNOUNCED} announcements are remembered, the oldest forgotten first. Thread-safe.
 */
final class ViidFaceConfirmer {

  static final int MAX_TRACKS = 1024;
  static final int MAX_ANNOUNCED = 4096;
  static final int MAX_PER_TRACK = 16;

  /** A confirmed person, and how many captures agreed (1 for a strict single capture). */
  record Confirmed(String personId, double similarity, double threshold, int captures) {}

  private record Capture(Instant at, FaceMatcher.Match match) {}

  private final int captures;
  private final Duration within;
  private final double strict;
  private final Duration cooldown;
  private final LinkedHashMap<String, ArrayDeque<Capture>> tracks = new LinkedHashMap<>();
  private final LinkedHashMap<String, Instant> announced = new LinkedHashMap<>();

  ViidFaceConfirmer(int captures, Duration within, double strict, Duration cooldown) {
    this.captures = captures;
    this.within = within;
    this.strict = strict;
    this.cooldown = cooldown;
  }

  /**
   * Takes one capture's best match.
   *
   * @param deviceId the capturing device
   * @param trackKey the capture's track, or {@code null} for "the device"
   * @return the person, when this capture confirms one outside the cooldown
   */
  synchronized Optional<Confirmed> onCapture(
      String deviceId, String trackKey, Instant at, FaceMatcher.Match match) {
    String key = deviceId + "/" + (trackKey == null ? "" : trackKey);
    ArrayDeque<Capture> track = tracks.remove(key);
    if (track == null) {
      track = new ArrayDeque<>();
    }
    track.addLast(new Capture(at, match));
    track.removeIf(c -> c.at().isBefore(at.minus(within)));
    while (track.size() > MAX_PER_TRACK) {
      track.removeFirst();
    }
    tracks.put(key, track); // re-inserted: most recent last
    trim(tracks, MAX_TRACKS);
    int agreeing = 0;
    FaceMatcher.Match strongest = match;
    for (Capture c : track) {
      if (c.match().personId().equals(match.personId())) {
        agreeing++;
        if (c.match().similarity() > strongest.similarity()) {
          strongest = c.match();
        }
      }
    }
    boolean confirmed = agreeing >= captures || match.similarity() >= strict;
    if (!confirmed) {
      return Optional.empty();
    }
    String who = deviceId + "/" + match.personId();
    Instant last = announced.get(who);
    if (last != null && at.isBefore(last.plus(cooldown))) {
      return Optional.empty();
    }
    announced.remove(who);
    announced.put(who, at);
    trim(announced, MAX_ANNOUNCED);
    return Optional.of(
        new Confirmed(
            match.personId(),
            strongest.similarity(),
            strongest.threshold(),
            Math.max(1, agreeing)));
  }

  private static void trim(Map<String, ?> map, int max) {
    Iterator<String> oldest = map.keySet().iterator();
    while (map.size() > max) {
      oldest.next();
      oldest.remove();
    }
  }
}
