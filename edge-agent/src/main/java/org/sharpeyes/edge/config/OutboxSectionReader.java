package org.sharpeyes.edge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.outbox.SyncPolicy;

/** Reads the {@code outbox} section; every key has a default, so the section may be left out. */
final class OutboxSectionReader {

  static final List<String> KEYS = List.of("path", "maxEvents", "maxBytes", "sync");

  private OutboxSectionReader() {}

  /** The outbox settings, or {@code null} when the section has problems (all reported). */
  static OutboxConfig read(ConfigTree outbox) {
    int before = outbox.problemCount();
    outbox.allowKeys(KEYS);
    Path path = path(outbox);
    Integer maxEvents =
        outbox.integer(
            "maxEvents",
            (int) OutboxConfig.DEFAULT_MAX_EVENTS,
            1,
            (int) OutboxConfig.MAX_EVENTS_LIMIT);
    Long maxBytes =
        outbox.size(
            "maxBytes",
            OutboxConfig.DEFAULT_MAX_BYTES,
            OutboxConfig.MIN_BYTES,
            OutboxConfig.MAX_BYTES_LIMIT);
    SyncPolicy sync = outbox.has("sync") ? sync(outbox.section("sync")) : SyncPolicy.DEFAULTS;
    if (outbox.problemCount() > before) {
      return null;
    }
    return new OutboxConfig(path, maxEvents, maxBytes, sync);
  }

  /** The file, as written: relative to the working directory (it is data, not config). */
  private static Path path(ConfigTree outbox) {
    Path path = outbox.path("path", null, OutboxConfig.DEFAULT_PATH);
    if (path != null && (path.getFileName() == null || Files.isDirectory(path))) {
      outbox.problem(
          "path", "'" + path + "' is not a file name — name the file, e.g. data/edge-outbox.db");
      return null;
    }
    return path;
  }

  private static SyncPolicy sync(ConfigTree sync) {
    if (sync == null) {
      return null;
    }
    sync.allowKeys(List.of("maxBatch", "maxDelay"));
    Integer maxBatch =
        sync.integer("maxBatch", SyncPolicy.DEFAULT_MAX_BATCH, 1, SyncPolicy.MAX_BATCH_LIMIT);
    Duration maxDelay =
        sync.duration(
            "maxDelay", SyncPolicy.DEFAULT_MAX_DELAY, Duration.ZERO, SyncPolicy.MAX_DELAY_LIMIT);
    if (maxBatch == null || maxDelay == null) {
      return null;
    }
    return new SyncPolicy(maxBatch, maxDelay);
  }
}
