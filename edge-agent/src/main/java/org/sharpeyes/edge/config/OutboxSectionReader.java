package org.sharpeyes.edge.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.sharpeyes.edge.outbox.OutboxConfig;
import org.sharpeyes.edge.outbox.SyncPolicy;

/** Reads the {@code outbox} section; every key has a default, so the section may be left out. */
final class OutboxSectionReader {

  static final List<String> KEYS = List.of("path", "maxEvents", "maxBytes", "sync");

  private OutboxSectionReader() {}

  /** The outbox settings, or {@code null} when the section has problems (all reported). */
  static OutboxConfig read(ConfigNode outbox) {
    if (outbox == null) {
      return OutboxConfig.DEFAULTS;
    }
    int before = outbox.problemCount();
    outbox.allowKeys(KEYS);
    Path path = path(outbox);
    Integer maxEvents =
        outbox.integer(
            "maxEvents",
            1,
            (int) OutboxConfig.MAX_EVENTS_LIMIT,
            (int) OutboxConfig.DEFAULT_MAX_EVENTS);
    Long maxBytes =
        outbox.byteSize(
            "maxBytes",
            OutboxConfig.DEFAULT_MAX_BYTES,
            OutboxConfig.MIN_BYTES,
            OutboxConfig.MAX_BYTES_LIMIT);
    SyncPolicy sync = sync(outbox.section("sync", null));
    if (outbox.problemCount() > before) {
      return null;
    }
    return new OutboxConfig(path, maxEvents, maxBytes, sync);
  }

  private static Path path(ConfigNode outbox) {
    String text = outbox.text("path", null);
    if (text == null) {
      return OutboxConfig.DEFAULT_PATH;
    }
    Path path;
    try {
      path = Path.of(text.trim());
    } catch (InvalidPathException e) {
      outbox.problem("path", "'" + text + "' is not a file path — e.g. data/edge-outbox.db");
      return null;
    }
    if (text.isBlank() || path.getFileName() == null || Files.isDirectory(path)) {
      outbox.problem(
          "path", "'" + text + "' is not a file name — name the file, e.g. data/edge-outbox.db");
      return null;
    }
    return path;
  }

  private static SyncPolicy sync(ConfigNode sync) {
    if (sync == null) {
      return SyncPolicy.DEFAULTS;
    }
    sync.allowKeys(List.of("maxBatch", "maxDelay"));
    Integer maxBatch =
        sync.integer("maxBatch", 1, SyncPolicy.MAX_BATCH_LIMIT, SyncPolicy.DEFAULT_MAX_BATCH);
    Duration maxDelay =
        sync.duration(
            "maxDelay", SyncPolicy.DEFAULT_MAX_DELAY, Duration.ZERO, SyncPolicy.MAX_DELAY_LIMIT);
    if (maxBatch == null || maxDelay == null) {
      return null;
    }
    return new SyncPolicy(maxBatch, maxDelay);
  }
}
