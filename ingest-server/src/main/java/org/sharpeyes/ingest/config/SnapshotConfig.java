package org.sharpeyes.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the snapshots that come with events are kept, and for how long.
 *
 * @param dir directory of the snapshot files (absolute); {@code null} means {@code
 *     <dataDir>/snapshots}
 * @param maxBytes the oldest snapshots are removed once all of them take more than this
 * @param maxAge snapshots older than this are removed
 */
public record SnapshotConfig(Path dir, long maxBytes, Duration maxAge) {

  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024 * 1024;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

  public static SnapshotConfig defaults() {
    return new SnapshotConfig(null, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE);
  }

  /** The directory, given the server's data directory. */
  public Path dir(Path dataDir) {
    return dir == null ? dataDir.resolve("snapshots") : dir;
  }
}
