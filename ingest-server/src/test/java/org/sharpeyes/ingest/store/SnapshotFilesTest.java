package org.sharpeyes.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.runtime.NamedThreads;
import org.sharpeyes.schema.testing.MutableClock;

class SnapshotFilesTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private final List<String> drops = new CopyOnWriteArrayList<>();
  private SnapshotFiles files;

  @AfterEach
  void close() {
    if (files != null) {
      files.close();
    }
  }

  @Test
  void aSnapshotIsReadBackAfterTheStoreIsReopened() {
    files = open(1_000_000, Duration.ofDays(1));
    files.write(snapshot("e-1", 100, T0));
    files.flush();
    files.close();

    files = open(1_000_000, Duration.ofDays(1));

    assertThat(files.read("e-1")).hasValueSatisfying(b -> assertThat(b).hasSize(100));
    assertThat(files.count()).isEqualTo(1);
    assertThat(dir.resolve("2026112708").resolve("e-1.jpg")).exists();
  }

  @Test
  void pastTheByteBoundTheOldestFilesGoAndAreCounted() {
    files = open(250, Duration.ofDays(1));
    files.write(snapshot("e-1", 100, T0));
    files.write(snapshot("e-2", 100, T0.plusSeconds(1)));
    files.write(snapshot("e-3", 100, T0.plusSeconds(2)));
    files.flush();

    assertThat(files.read("e-1")).isEmpty();
    assertThat(files.read("e-2")).isPresent();
    assertThat(files.read("e-3")).isPresent();
    assertThat(files.bytes()).isEqualTo(200);
    assertThat(drops).containsExactly("bytes");
  }

  @Test
  void filesOlderThanTheMaximumAgeGoAtTheNextSweep() {
    files = open(1_000_000, Duration.ofHours(1));
    files.write(snapshot("old", 10, T0));
    files.write(snapshot("new", 10, T0.plus(Duration.ofMinutes(50))));
    files.flush();

    clock.advance(Duration.ofMinutes(61));
    files.sweep();

    await().until(() -> files.count() == 1);
    assertThat(files.read("old")).isEmpty();
    assertThat(files.read("new")).isPresent();
    assertThat(drops).containsExactly("age");
    assertThat(dir.resolve("2026112708").resolve("old.jpg")).doesNotExist();
  }

  @Test
  void anEventIdThatCannotNameAFileIsCountedNotWritten() {
    files = open(1_000_000, Duration.ofDays(1));
    files.write(snapshot("../escape", 10, T0));
    files.flush();

    assertThat(files.count()).isZero();
    assertThat(drops).containsExactly("write-failed");
  }

  private SnapshotFiles open(long maxBytes, Duration maxAge) {
    return new SnapshotFiles(
        dir, maxBytes, maxAge, clock, drops::add, NamedThreads.daemon("test-snapshot-writer"));
  }

  private static Snapshot snapshot(String eventId, int size, Instant at) {
    return new Snapshot(eventId, "edge-1", new byte[size], at);
  }
}
