package org.sharpeyes.ingest.store;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent snapshot images, kept in memory in front of {@link SnapshotFiles}, bounded by
 * total bytes; the oldest are evicted first. Thread-safe.
 */
public final class SnapshotCache implements SnapshotSink {

  private final long maxBytes;
  private final Runnable onEvict;
  private final Map<String, Snapshot> byEventId = new LinkedHashMap<>();
  private long bytes;

  /**
   * @param maxBytes total image bytes kept
   * @param onEvict told about each eviction (for the metric)
   */
  public SnapshotCache(long maxBytes, Runnable onEvict) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.onEvict = onEvict;
  }

  /**
   * Keeps {@code snapshot}, replacing one for the same event, evicting the oldest past the bound.
   */
  @Override
  public void put(Snapshot snapshot) {
    if (snapshot.image().length > maxBytes) {
      throw new IllegalArgumentException("snapshot larger than the whole cache");
    }
    int evicted = 0;
    synchronized (this) {
      Snapshot previous = byEventId.remove(snapshot.eventId());
      if (previous != null) {
        bytes -= previous.image().length;
      }
      byEventId.put(snapshot.eventId(), snapshot);
      bytes += snapshot.image().length;
      Iterator<Snapshot> oldest = byEventId.values().iterator();
      while (bytes > maxBytes) {
        bytes -= oldest.next().image().length;
        oldest.remove();
        evicted++;
      }
    }
    for (int i = 0; i < evicted; i++) {
      onEvict.run();
    }
  }

  public synchronized Optional<Snapshot> get(String eventId) {
    return Optional.ofNullable(byEventId.get(eventId));
  }

  public synchronized int size() {
    return byEventId.size();
  }

  public synchronized long bytes() {
    return bytes;
  }
}
