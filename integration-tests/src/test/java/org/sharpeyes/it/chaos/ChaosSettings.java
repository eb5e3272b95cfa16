package org.sharpeyes.it.chaos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard a chaos run pushes, from system properties (all optional; the defaults are the short
 * form CI runs):
 *
 * <ul>
 *   <li>{@code chaos.events} — plate reads sent in total, split between the two edges (20000; the
 *       long form: {@code -Dchaos.events=100000})
 *   <li>{@code chaos.rate} — reads per second per edge (100)
 *   <li>{@code chaos.kills} — kills of each of broker, ingest-server and edge-agent (3)
 *   <li>{@code chaos.seed} — fixes the moments, targets and down times of the kills and the reads
 *       sent (random; printed, so a run can be replayed)
 *   <li>{@code chaos.drainTimeout} — how long to wait at the end for every accepted event to be
 *       stored, in seconds (120)
 *   <li>{@code chaos.strict} — allow no loss at all (false). By default, each {@code kill -9} of
 *       Mosquitto may lose what it acknowledged in its last loop before saving, and each {@code
 *       kill -9} of the ingest-server what Mosquitto had in flight to it: at most one publish per
 *       edge per kill. These losses are counted, listed and bounded, never hidden.
 * </ul>
 */
record ChaosSettings(
    long events, double ratePerEdge, int killsEach, long seed, Duration drain, boolean strict) {

  static final long DEFAULT_EVENTS = 20_000;
  static final double DEFAULT_RATE_PER_EDGE = 100;
  static final int DEFAULT_KILLS_EACH = 3;
  static final long DEFAULT_DRAIN_SECONDS = 120;

  ChaosSettings {
    if (events < 1000) {
      throw new IllegalArgumentException("chaos.events must be at least 1000, got " + events);
    }
    if (!(ratePerEdge > 0)) {
      throw new IllegalArgumentException("chaos.rate must be above 0, got " + ratePerEdge);
    }
    if (killsEach < 0) {
      throw new IllegalArgumentException("chaos.kills must be 0 or more, got " + killsEach);
    }
  }

  static ChaosSettings fromSystemProperties() {
    return new ChaosSettings(
        Long.getLong("chaos.events", DEFAULT_EVENTS),
        Double.parseDouble(
            System.getProperty("chaos.rate", Double.toString(DEFAULT_RATE_PER_EDGE))),
        Integer.getInteger("chaos.kills", DEFAULT_KILLS_EACH),
        Long.getLong("chaos.seed", ThreadLocalRandom.current().nextLong()),
        Duration.ofSeconds(Long.getLong("chaos.drainTimeout", DEFAULT_DRAIN_SECONDS)),
        Boolean.getBoolean("chaos.strict"));
  }

  /** Reads each of the two edges is sent. */
  long eventsPerEdge() {
    return events / 2;
  }

  /** How long sending takes when nothing gets in the way. */
  Duration sendingTime() {
    return Duration.ofMillis((long) (eventsPerEdge() * 1000 / ratePerEdge));
  }

  /** The properties that replay this run. */
  String replay() {
    return "-Dchaos.events="
        + events
        + " -Dchaos.rate="
        + ratePerEdge
        + " -Dchaos.kills="
        + killsEach
        + " -Dchaos.seed="
        + seed
        + (strict ? " -Dchaos.strict=true" : "");
  }
}
