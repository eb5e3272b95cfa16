package org.sharpeyes.sims.viid;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of a run, written by the simulator thread and read by anyone ({@link
 * ViidSimulator#counters()}). Reasons are kept per status code, the first one seen, so memory is
 * bounded by the number of codes.
 */
final class ViidTally {

  /** Status codes (and reasons) kept at most; further ones count under {@code -1} / other. */
  static final int MAX_CODES = 64;

  /** Where objects without a verdict count once {@link #MAX_CODES} reasons are kept. */
  static final String OTHER_REASONS = "other reasons";

  final AtomicLong sent = new AtomicLong();
  final AtomicLong hotSent = new AtomicLong();
  final AtomicLong misreadSent = new AtomicLong();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong unanswered = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong registrations = new AtomicLong();
  final AtomicLong registrationFailures = new AtomicLong();
  final AtomicLong keepalivesOk = new AtomicLong();
  final AtomicLong keepalivesFailed = new AtomicLong();
  private final Map<Integer, Long> refusedByCode = new TreeMap<>();
  private final Map<Integer, String> reasonByCode = new TreeMap<>();
  private final Map<String, Long> unansweredByReason = new TreeMap<>();

  synchronized void refused(ResponseStatus status) {
    int code =
        refusedByCode.containsKey(status.statusCode()) || refusedByCode.size() < MAX_CODES
            ? status.statusCode()
            : -1;
    refusedByCode.merge(code, 1L, Long::sum);
    reasonByCode.putIfAbsent(code, status.statusString());
  }

  synchronized void unanswered(String reasonKind) {
    unanswered.incrementAndGet();
    String key =
        unansweredByReason.containsKey(reasonKind) || unansweredByReason.size() < MAX_CODES - 1
            ? reasonKind
            : OTHER_REASONS;
    unansweredByReason.merge(key, 1L, Long::sum);
  }

  synchronized Map<Integer, Long> refusedByCode() {
    return Map.copyOf(refusedByCode);
  }

  synchronized Map<Integer, String> reasonByCode() {
    return Map.copyOf(reasonByCode);
  }

  synchronized Map<String, Long> unansweredByReason() {
    return Map.copyOf(unansweredByReason);
  }

  synchronized long refused() {
    return refusedByCode.values().stream().mapToLong(Long::longValue).sum();
  }
}
