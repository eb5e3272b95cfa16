package org.sharpeyes.ingest.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the store answers, checked in the background every {@link #INTERVAL}, so that {@code
 * /healthz} reads the last answer from memory instead of borrowing a connection on each request (a
 * probe hit every second by several monitors costs the store nothing more). Thread-safe.
 */
public final class StoreProbe implements AutoCloseable {

  /** Pause between the end of one check and the start of the next. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  /** How long one check waits for the connection to prove valid. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /**
   * @param checkedAt when the check ended
   */
  public record Result(boolean reachable, Instant checkedAt) {}

  private final BooleanSupplier check;
  private final Clock clock;
  private volatile Result last;
  private ScheduledFuture<?> task;

  public StoreProbe(Database database, Clock clock) {
    this(() -> database.isReachable(TIMEOUT), clock);
  }

  /**
   * @param check blocking: whether the store answers now
   */
  public StoreProbe(BooleanSupplier check, Clock clock) {
    this.check = check;
    this.clock = clock;
  }

  /** Checks once on the calling thread, then every {@link #INTERVAL} on {@code scheduler}. */
  public synchronized void start(ScheduledExecutorService scheduler) {
    checkNow();
    task =
        scheduler.scheduleWithFixedDelay(
            this::checkNow, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Checks now, on the calling thread (blocking), and keeps the answer. */
  public void checkNow() {
    boolean reachable;
    try {
      reachable = check.getAsBoolean();
    } catch (RuntimeException e) {
      reachable = false;
    }
    last = new Result(reachable, clock.instant());
  }

  /** The last answer; unreachable, never checked, before {@link #start}. */
  public Result last() {
    Result r = last;
    return r == null ? new Result(false, null) : r;
  }

  /** Stops checking. */
  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
