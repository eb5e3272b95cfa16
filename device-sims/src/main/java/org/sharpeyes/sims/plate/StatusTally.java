package org.sharpeyes.sims.plate;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of answers by HTTP status, and of requests that got no answer. */
final class StatusTally {

  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final LongAdder errors = new LongAdder();

  /** Counts one answer; true when it is the first answer with this status. */
  boolean answered(int status) {
    boolean[] first = {false};
    byStatus
        .computeIfAbsent(
            status,
            s -> {
              first[0] = true;
              return new LongAdder();
            })
        .increment();
    return first[0];
  }

  void failed() {
    errors.increment();
  }

  /** Status → count, in status order. */
  Map<Integer, Long> snapshot() {
    Map<Integer, Long> out = new TreeMap<>();
    byStatus.forEach((status, count) -> out.put(status, count.sum()));
    return out;
  }

  long errors() {
    return errors.sum();
  }
}
