package org.sharpeyes.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotCacheTest {

  private final AtomicInteger evicted = new AtomicInteger();
  private final SnapshotCache cache = new SnapshotCache(10, evicted::incrementAndGet);

  private static Snapshot image(String eventId, int size) {
    return new Snapshot(eventId, "edge-1", new byte[size], Instant.EPOCH);
  }

  @Test
  void oldestImagesAreEvictedToStayWithinTheByteBoundAndEachEvictionIsCounted() {
    cache.put(image("a", 4));
    cache.put(image("b", 4));
    cache.put(image("c", 4));

    assertThat(cache.get("a")).isEmpty();
    assertThat(cache.get("b")).isPresent();
    assertThat(cache.get("c")).isPresent();
    assertThat(cache.bytes()).isEqualTo(8);
    assertThat(evicted).hasValue(1);
  }

  @Test
  void imageSentAgainForTheSameEventReplacesTheFirst() {
    cache.put(image("a", 4));
    cache.put(image("a", 6));

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(6);
    assertThat(evicted).hasValue(0);
  }
}
