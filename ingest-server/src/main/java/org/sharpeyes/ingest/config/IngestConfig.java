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
 * @param maxEventAge how far in the past an event's time may be before it is rejected ({@code
 *     too-old}); {@link Duration#ZERO} for no limit
 * @param maxSnapshotBytes largest accepted snapshot image
 * @param snapshotCacheBytes memory for snapshot images kept; the oldest are evicted past it
 * @param maxEdges most edges whose online/offline status, and whose seq, is tracked
 * @param maxGapsPerEdge most missing-seq ranges listed per edge; the lowest stop being listed past
 *     it (still counted as missing)
 * @param workers ingest workers, each draining the messages of its share of the edges; {@code 0}
 *     for one per core ({@link #workerCount()})
 */
public record IngestConfig(
    int maxMessageBytes,
    int maxDepth,
    int workerQueue,
    int batchSize,
    Duration maxClockSkew,
    Duration maxEventAge,
    int maxSnapshotBytes,
    long snapshotCacheBytes,
    int maxEdges,
    int maxGapsPerEdge,
    int workers) {

  /** Most ingest workers: more would only contend for the store's lock. */
  public static final int MAX_WORKERS = 64;

  public static final int DEFAULT_WORKER_QUEUE = 10_000;
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MAX_EVENT_AGE = Duration.ofDays(7);

  /**
   * Shortest {@code maxEventAge} other than 0: a shorter one would refuse a short outage's backlog.
   */
  public static final Duration MIN_MAX_EVENT_AGE = Duration.ofHours(1);

  public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 1024 * 1024;
  public static final long DEFAULT_SNAPSHOT_CACHE_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_EDGES = 10_000;
  public static final int DEFAULT_MAX_GAPS_PER_EDGE = 100;

  public IngestConfig {
    new CodecLimits(maxMessageBytes, maxDepth); // same bounds as the codec, same messages
    if (workerQueue < 1
        || batchSize < 1
        || maxSnapshotBytes < 1
        || maxEdges < 1
        || maxGapsPerEdge < 1
        || workers < 0
        || workers > MAX_WORKERS) {
      throw new IllegalArgumentException(
          "workerQueue, batchSize, maxSnapshotBytes, maxEdges and maxGapsPerEdge must be positive,"
              + " workers 0 (one per core) to "
              + MAX_WORKERS);
    }
    if (snapshotCacheBytes < maxSnapshotBytes) {
      throw new IllegalArgumentException("snapshotCacheBytes must be at least maxSnapshotBytes");
    }
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
    if (maxEventAge.isNegative()
        || (!maxEventAge.isZero() && maxEventAge.compareTo(MIN_MAX_EVENT_AGE) < 0)) {
      throw new IllegalArgumentException(
          "maxEventAge must be 0 (no limit) or at least "
              + MIN_MAX_EVENT_AGE
              + ", was "
              + maxEventAge);
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(
        CodecLimits.DEFAULT_MAX_BYTES,
        CodecLimits.DEFAULT_MAX_DEPTH,
        DEFAULT_WORKER_QUEUE,
        DEFAULT_BATCH_SIZE,
        DEFAULT_MAX_CLOCK_SKEW,
        DEFAULT_MAX_EVENT_AGE,
        DEFAULT_MAX_SNAPSHOT_BYTES,
        DEFAULT_SNAPSHOT_CACHE_BYTES,
        DEFAULT_MAX_EDGES,
        DEFAULT_MAX_GAPS_PER_EDGE,
        0);
  }

  /** The number of ingest workers to run: {@link #workers()}, or one per core when that is 0. */
  public int workerCount() {
    return workers > 0
        ? workers
        : Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors());
  }

  /** The same bounds with {@code count} workers ({@code 0}: one per core). */
  public IngestConfig withWorkers(int count) {
    return new IngestConfig(
        maxMessageBytes,
        maxDepth,
        workerQueue,
        batchSize,
        maxClockSkew,
        maxEventAge,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges,
        maxGapsPerEdge,
        count);
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
        maxEventAge,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges,
        maxGapsPerEdge,
        workers);
  }

  public IngestConfig withMaxClockSkew(Duration skew) {
    return new IngestConfig(
        maxMessageBytes,
        maxDepth,
        workerQueue,
        batchSize,
        skew,
        maxEventAge,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges,
        maxGapsPerEdge,
        workers);
  }

  public IngestConfig withMaxEventAge(Duration age) {
    return new IngestConfig(
        maxMessageBytes,
        maxDepth,
        workerQueue,
        batchSize,
        maxClockSkew,
        age,
        maxSnapshotBytes,
        snapshotCacheBytes,
        maxEdges,
        maxGapsPerEdge,
        workers);
  }
}
