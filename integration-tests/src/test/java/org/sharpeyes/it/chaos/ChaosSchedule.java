package org.sharpeyes.it.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When to {@code kill -9} what, drawn from the run's seed: each target {@code killsEach} times, in
 * a shuffled order, at moments measured in reads settled (so the plan means the same at any rate),
 * spread over 5–85% of the run, each followed by a random time down before the restart. The
 * targets' kills are carried out independently, so they may overlap.
 */
record ChaosSchedule(List<Kill> kills) {

  static final Duration MIN_DOWN = Duration.ofMillis(200);
  static final Duration MAX_DOWN = Duration.ofMillis(2500);

  enum Target {
    BROKER("broker"),
    INGEST_SERVER("ingest-server"),
    EDGE_AGENT("edge-agent");

    final String label;

    Target(String label) {
      this.label = label;
    }
  }

  /**
   * @param afterReads kill once this many reads (of both edges together) have settled
   * @param downFor how long the target stays dead before it is started again
   */
  record Kill(Target target, long afterReads, Duration downFor) {
    @Override
    public String toString() {
      return target.label + " after " + afterReads + " reads, down " + downFor.toMillis() + " ms";
    }
  }

  ChaosSchedule {
    kills = List.copyOf(kills);
  }

  static ChaosSchedule plan(ChaosSettings settings, Random random) {
    List<Target> targets = new ArrayList<>();
    for (Target t : Target.values()) {
      for (int i = 0; i < settings.killsEach(); i++) {
        targets.add(t);
      }
    }
    Collections.shuffle(targets, random);
    long from = settings.events() * 5 / 100;
    long to = settings.events() * 85 / 100;
    List<Long> moments = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      moments.add(from + (long) (random.nextDouble() * (to - from)));
    }
    Collections.sort(moments);
    long downSpan = MAX_DOWN.toMillis() - MIN_DOWN.toMillis();
    List<Kill> kills = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Duration down = MIN_DOWN.plusMillis((long) (random.nextDouble() * downSpan));
      kills.add(new Kill(targets.get(i), moments.get(i), down));
    }
    return new ChaosSchedule(kills);
  }

  /** The kills of one target, in order. */
  List<Kill> killsOf(Target target) {
    return kills.stream().filter(k -> k.target() == target).toList();
  }
}
