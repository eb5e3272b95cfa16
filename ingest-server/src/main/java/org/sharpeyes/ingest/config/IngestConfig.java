package org.sharpeyes.ingest.config;

import java.time.Duration;
import org.sharpeyes.schema.codec.CodecLimits;

/**
 * Bounds of the ingest pipeline. Every one of them caps memory or time; what happens past the bound
 * is documented in {@code docs/config.md}.
 *
 * @param maxMessageBytes largest accepted event message; larger ones are dead-lettered (oversize)
 * @param maxDepth deepest accepted JSON nesting of an event
 * @param workerQueue messages received but not yet stored; when full, the MQTT client stops reading
 * @param batchSize most messages stored in one database transaction
 * @param maxClockSkew how far in the future an event's time may be before it is rejected
 * @param maxSnapshotBytes largest accepted snapshot image
 * @param snapshotCacheBytes memory for snapshot images kept; the oldest are evicted past it
 * @param maxEdges most edges whose online/offline status is tracked
 */
public record IngestConfig(
    int maxMessageBytes,
    int maxDepth,
    int workerQueue,
    int batchSize,
    Duration maxClockSkew,
    int maxSnapshotBytes,
    long snapshotCacheBytes,
    int maxEdges) {

  public static final int DEFAULT_WORKER_QUEUE = 10_000;
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 1024 * 1024;
  public static final long DEFAULT_SNAPSHOT_CACHE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_EDGES = 10_000;

  public IngestConfig {
    new CodecLimits(maxMessageBytes, maxDepth); // same bounds as the codec, same messages
    if (workerQueue < 1 || batchSize < 1 || maxSnapshotBytes < 1 || maxEdges < 1) {
      throw new IllegalArgumentException(
          "workerQueue, batchSize, maxSnapshotBytes and maxEdges must be positive");
    }
    if (snapshotCacheBytes < maxSnapshotBytes) {
      throw new IllegalArgumentException("snapshotCacheBytes must be at least maxSnapshotBytes");
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(
        CodecLimits.DEFAULT_MAX_BYTES,
        CodecLimits.DEFAULT_MAX_DEPTH,
        DEFAULT_WORKER_QUEUE,
        DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_CLOCK_SKEW,
        DEFAULT_MAX_SNAPSHOT_BYTES,
        DEFAULT_SNAPSHOT_CACHE_BYTES,
        DEFAULT_MAX_EDGES);
  }

  public CodecLimits codecLimits() {
    return new CodecLimits(maxMessageBytes, maxDepth);
  }

  public IngestConfig withWorkerQueue(int size) {
    return new IngestConfig(
        maxMessageBytes,
        maxDepth,
        size,
        batchSize,
        maxClockSkew,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges);
  }

  public IngestConfig withMaxClockSkew(Duration skew) {
    return new IngestConfig(
        maxMessageBytes,
        maxDepth,
        workerQueue,
        batchSize,
        skew,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges);
  }
}
