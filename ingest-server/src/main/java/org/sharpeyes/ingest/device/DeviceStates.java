package org.sharpeyes.ingest.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.ingest.reference.Device;

/**
 * The availability of every device, in memory: every device of devices.csv (starting {@code
 * unknown}), plus devices that reported without being listed, up to {@code maxUnlisted} (more are
 * not tracked, and counted). A device whose edge left its last will reads {@code unknown} with
 * reason {@code edge-offline} until the edge is back; then its latest report shows again. Edges are
 * tracked as their status messages come (as many as the server's edge presence tracks).
 * Thread-safe.
 */
final class DeviceStates {

  /** Most edges whose status is kept (as {@code ingest.maxEdges}' default). */
  static final int MAX_EDGES = 10_000;

  private final int maxUnlisted;
  private final Map<String, DeviceState> reported = new LinkedHashMap<>();
  private final Map<String, String> listedEdge = new HashMap<>();
  private final Map<String, Instant> offlineEdges = new HashMap<>();
  private final Map<String, Instant> edgesBack = new HashMap<>();
  private int unlisted;
  private long untracked;

  DeviceStates(Iterable<Device> listed, int maxUnlisted) {
    this.maxUnlisted = maxUnlisted;
    for (Device d : listed) {
      listedEdge.put(d.id(), d.edgeId());
      reported.put(d.id(), DeviceState.unknown(d.id(), d.edgeId()));
    }
  }

  /**
   * Records a report, unless a later one is known.
   *
   * @return the state before it (for the listed device never heard of: {@code unknown}); empty when
   *     the report was older than the known one or the device is not tracked (the bound)
   */
  synchronized Optional<DeviceState> apply(DeviceState s) {
    DeviceState before = reported.get(s.deviceId());
    if (before == null) {
      if (unlisted >= maxUnlisted) {
        untracked++;
        return Optional.empty();
      }
      unlisted++;
      before = DeviceState.unknown(s.deviceId(), s.edgeId());
    } else if (before.reportedAt() != null
        && s.reportedAt() != null
        && s.reportedAt().isBefore(before.reportedAt())) {
      return Optional.empty();
    }
    reported.put(s.deviceId(), s);
    return Optional.of(before);
  }

  /** The latest report of a device (ignoring its edge), if tracked. */
  synchronized Optional<DeviceState> reported(String deviceId) {
    return Optional.ofNullable(reported.get(deviceId));
  }

  /** The edge left its last will at {@code at}: its devices read unknown until it is back. */
  synchronized void edgeOffline(String edgeId, Instant at) {
    edgesBack.remove(edgeId);
    if (offlineEdges.size() < MAX_EDGES || offlineEdges.containsKey(edgeId)) {
      offlineEdges.putIfAbsent(edgeId, at);
    } else {
      untracked++;
    }
  }

  /** The edge is back online at {@code at}. */
  synchronized void edgeOnline(String edgeId, Instant at) {
    offlineEdges.remove(edgeId);
    if (edgesBack.size() < MAX_EDGES || edgesBack.containsKey(edgeId)) {
      edgesBack.put(edgeId, at);
    }
  }

  /** When the edge came back, if its last status message said online. */
  synchronized Optional<Instant> edgeBackSince(String edgeId) {
    return Optional.ofNullable(edgesBack.get(edgeId));
  }

  /** When the edge went offline, if it is. */
  synchronized Optional<Instant> edgeOfflineSince(String edgeId) {
    return Optional.ofNullable(offlineEdges.get(edgeId));
  }

  /** What is known of the device now, its edge's state included. */
  synchronized Optional<DeviceState> get(String deviceId) {
    return Optional.ofNullable(reported.get(deviceId)).map(this::view);
  }

  /** Every tracked device as known now, sorted by id. */
  synchronized List<DeviceState> all() {
    List<DeviceState> all = new ArrayList<>(reported.size());
    reported.values().forEach(s -> all.add(view(s)));
    all.sort(Comparator.comparing(DeviceState::deviceId));
    return all;
  }

  /** How many devices are in each availability now. */
  synchronized Map<Availability, Integer> counts() {
    Map<Availability, Integer> counts = new EnumMap<>(Availability.class);
    for (Availability a : Availability.values()) {
      counts.put(a, 0);
    }
    reported.values().forEach(s -> counts.merge(view(s).availability(), 1, Integer::sum));
    return counts;
  }

  /**
   * Reports of unlisted devices not tracked because {@code maxUnlisted} were, and edge wills not
   * kept because {@link #MAX_EDGES} edges were offline.
   */
  synchronized long untracked() {
    return untracked;
  }

  private DeviceState view(DeviceState s) {
    String edge = listedEdge.getOrDefault(s.deviceId(), s.edgeId());
    Instant edgeDown = edge == null ? null : offlineEdges.get(edge);
    return edgeDown == null ? s : s.behindOfflineEdge(edgeDown);
  }
}
