package org.sharpeyes.it.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A part of the system under test that runs as a child process and that the chaos test kills and
 * starts again: same command, same ports, same data. {@link #start()} returns once the part is
 * ready to be used (each kind says what "ready" means).
 */
abstract class ChildService implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  final ChildProcess process;
  private final Duration readyWithin;
  private final AtomicInteger kills = new AtomicInteger();

  ChildService(ChildProcess process, Duration readyWithin) {
    this.process = process;
    this.readyWithin = readyWithin;
  }

  String name() {
    return process.name();
  }

  /** Whether this life of the process answers as a ready one would. Never throws. */
  abstract boolean ready();

  /** Starts the process and waits until it is ready; fails if it dies or takes too long. */
  void start() throws IOException {
    process.start();
    await(name() + " ready (log: " + process.log() + ")")
        .atMost(readyWithin)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.alive()) {
                throw new IllegalStateException(
                    name() + " exited during start; see " + process.log());
              }
              return ready();
            });
  }

  /** {@code kill -9}. */
  void kill() throws InterruptedException {
    process.killHard();
    kills.incrementAndGet();
  }

  /** A clean stop (SIGTERM), as an operator would do it. */
  void stop() throws InterruptedException {
    process.stop(STOP_GRACE);
  }

  int kills() {
    return kills.get();
  }

  /** How many times it was started: 1 + the restarts. */
  int lives() {
    return process.starts();
  }

  @Override
  public void close() {
    process.close();
  }
}
