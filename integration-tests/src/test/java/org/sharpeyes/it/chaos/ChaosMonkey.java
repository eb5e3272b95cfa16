package org.sharpeyes.it.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills one target as a {@link ChaosSchedule} says, one kill after the other: waits for the kill's
 * moment, kills the target with {@code kill -9}, leaves it dead for the planned time and starts it
 * again (same ports, same data), waiting until it is ready. A kill whose moment passed while the
 * target was coming back happens at once. One monkey per target, each on its own thread, so the
 * failures of different targets overlap as they come (the broker may die while the server is
 * starting).
 */
final class ChaosMonkey {

  private static final Logger LOG = LoggerFactory.getLogger(ChaosMonkey.class);

  private final ChildService target;
  private final List<ChaosSchedule.Kill> kills;
  private final LongSupplier readsSettled;
  private final ScheduledExecutorService timer;
  private final Duration patience;
  private final ChaosJournal journal;

  /**
   * @param kills this target's kills, in order
   * @param timer runs the restarts after the down time
   * @param patience the longest wait for one kill's moment (the run is stuck past it)
   */
  ChaosMonkey(
      ChildService target,
      List<ChaosSchedule.Kill> kills,
      LongSupplier readsSettled,
      ScheduledExecutorService timer,
      Duration patience,
      ChaosJournal journal) {
    this.target = target;
    this.kills = List.copyOf(kills);
    this.readsSettled = readsSettled;
    this.timer = timer;
    this.patience = patience;
    this.journal = journal;
  }

  void run() throws Exception {
    for (ChaosSchedule.Kill kill : kills) {
      await("moment of the kill: " + kill)
          .atMost(patience)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> readsSettled.getAsLong() >= kill.afterReads());
      long settledAtKill = readsSettled.getAsLong();
      Instant killedAtWall = Instant.now();
      target.kill();
      long killedAt = System.nanoTime();
      try {
        timer
            .schedule(
                () -> {
                  target.start();
                  return null;
                },
                kill.downFor().toMillis(),
                TimeUnit.MILLISECONDS)
            .get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "could not restart " + target.name() + " after " + kill, e.getCause());
      }
      String line =
          String.format(
              "kill -9 %-17s at %6d reads settled; down %4d ms, ready again after %5d ms",
              target.name(),
              settledAtKill,
              kill.downFor().toMillis(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
      journal.record(target.name(), killedAtWall, killedAt, Instant.now(), line);
      LOG.info("chaos: {}", line);
    }
  }
}
