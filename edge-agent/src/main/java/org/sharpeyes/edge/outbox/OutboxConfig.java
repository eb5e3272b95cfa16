package org.sharpeyes.edge.outbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how much the durable outbox keeps while the broker is away.
 *
 * @param path the SQLite file; relative paths are relative to the working directory. Its directory
 *     is created at start; {@code <path>-wal}, {@code <path>-shm} and {@code <path>.lock} sit
 *     beside it
 * @param maxEvents events held (waiting or in flight), 1..100000000
 * @param maxBytes payload bytes held (events plus snapshots), 1MiB..1TiB; the file needs some more
 *     for its own structure
 * @param sync when accepted events are made durable
 */
public record OutboxConfig(Path path, long maxEvents, long maxBytes, SyncPolicy sync) {

  public static final Path DEFAULT_PATH = Path.of("data", "edge-outbox.db");
  public static final long DEFAULT_MAX_EVENTS = 1_000_000;
  public static final long MAX_EVENTS_LIMIT = 100_000_000;
  public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
  public static final long MIN_BYTES = 1024L * 1024;
  public static final long MAX_BYTES_LIMIT = 1024L * 1024 * 1024 * 1024;
  public static final OutboxConfig DEFAULTS =
      new OutboxConfig(DEFAULT_PATH, DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES, SyncPolicy.DEFAULTS);

  public OutboxConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sync, "sync");
    if (path.getFileName() == null) {
      throw new IllegalArgumentException("outbox path " + path + " names no file");
    }
    if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
      throw new IllegalArgumentException(
          "maxEvents must be 1.." + MAX_EVENTS_LIMIT + ", was " + maxEvents);
    }
    if (maxBytes < MIN_BYTES || maxBytes > MAX_BYTES_LIMIT) {
      throw new IllegalArgumentException("maxBytes must be 1MiB..1TiB, was " + maxBytes);
    }
  }

  /** Defaults with another file. */
  public static OutboxConfig at(Path path) {
    return DEFAULTS.withPath(path);
  }

  public OutboxConfig withPath(Path newPath) {
    return new OutboxConfig(newPath, maxEvents, maxBytes, sync);
  }

  public OutboxConfig withBounds(long newMaxEvents, long newMaxBytes) {
    return new OutboxConfig(path, newMaxEvents, newMaxBytes, sync);
  }

  public OutboxConfig withSync(SyncPolicy newSync) {
    return new OutboxConfig(path, maxEvents, maxBytes, newSync);
  }
}
