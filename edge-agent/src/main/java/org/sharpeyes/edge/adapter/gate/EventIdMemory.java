package org.sharpeyes.edge.adapter.gate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last events seen, to drop one the server sends twice (a republish, a second
 * notifier). Bounded: past its capacity the oldest id is forgotten and counted. Thread-safe.
 */
final class EventIdMemory {

  private final int capacity;
  private final Map<String, Boolean> ids;
  private long evicted;

  EventIdMemory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true);
  }

  /** Whether the id is new (and now remembered); {@code false} for one seen before. */
  synchronized boolean firstSight(String id) {
    if (ids.containsKey(id)) {
      ids.get(id); // refresh: a duplicate keeps its id remembered
      return false;
    }
    ids.put(id, Boolean.TRUE);
    if (ids.size() > capacity) {
      var eldest = ids.keySet().iterator();
      eldest.next();
      eldest.remove();
      evicted++;
    }
    return true;
  }

  /** Ids forgotten to stay within the capacity. */
  synchronized long evicted() {
    return evicted;
  }

  synchronized int size() {
    return ids.size();
  }
}
