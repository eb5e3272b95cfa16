package org.sharpeyes.edge.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * When the outbox makes accepted events durable: group commit. Events offered while the disk is
 * busy, or within {@code maxDelay} of the first one of a batch, are written in one transaction and
 * one {@code fsync}; the device hears its 2xx only after that. A larger delay means fewer syncs
 * (less flash wear, more throughput under light load) and a longer wait for each device.
 *
 * @param maxBatch most events written in one transaction, 1..10000
 * @param maxDelay longest a batch waits for more events after its first one, 0..1s; 0 commits as
 *     soon as the disk is free (batches then form only while a previous commit is running)
 */
public record SyncPolicy(int maxBatch, Duration maxDelay) {

  public static final int DEFAULT_MAX_BATCH = 256;
  public static final int MAX_BATCH_LIMIT = 10_000;
  public static final Duration DEFAULT_MAX_DELAY = Duration.ZERO;
  public static final Duration MAX_DELAY_LIMIT = Duration.ofSeconds(1);
  public static final SyncPolicy DEFAULTS = new SyncPolicy(DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY);

  public SyncPolicy {
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT) {
      throw new IllegalArgumentException(
          "maxBatch must be 1.." + MAX_BATCH_LIMIT + ", was " + maxBatch);
    }
    if (maxDelay.isNegative() || maxDelay.compareTo(MAX_DELAY_LIMIT) > 0) {
      throw new IllegalArgumentException("maxDelay must be 0..1s, was " + maxDelay);
    }
  }
}
