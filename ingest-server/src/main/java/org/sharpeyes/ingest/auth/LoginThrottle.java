package org.sharpeyes.ingest.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharpeyes.ingest.config.AuthConfig;

/**
 * The lockout policy and its metrics. Known users' failures are kept in their row (so a restart
 * does not reset a lock); names that are no user are throttled the same way here in memory, so that
 * a 429 does not tell an attacker which names exist. That memory holds at most {@value
 * #MAX_UNKNOWN_NAMES} names; past it the least recently tried is forgotten. Thread-safe.
 */
final class LoginThrottle {

  static final int MAX_UNKNOWN_NAMES = 10_000;

  /** Failures so far and the lock that follows from them. */
  record Tally(int failures, Instant lockedUntil) {
    static final Tally CLEAN = new Tally(0, null);

    boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  private final AuthConfig.Lockout policy;
  private final MeterRegistry registry;
  private final Counter lockouts;
  private final Map<String, Tally> unknown =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
          return size() > MAX_UNKNOWN_NAMES;
        }
      };

  LoginThrottle(AuthConfig.Lockout policy, MeterRegistry registry) {
    this.policy = policy;
    this.registry = registry;
    this.lockouts =
        Counter.builder("sharpeyes.auth.lockouts")
            .description("accounts (or tried names) locked after repeated failed logins")
            .register(registry);
  }

  /** The tally after one more failure on {@code before} at {@code now}; counts a new lock. */
  Tally failed(Tally before, Instant now) {
    int failures =
        before.lockedUntil() != null && !before.lockedAt(now) ? 1 : before.failures() + 1;
    if (failures >= policy.maxFailures()) {
      lockouts.increment();
      return new Tally(failures, now.plus(policy.duration()));
    }
    return new Tally(failures, null);
  }

  /** How long to hold the answer to the failure that made {@code tally}. */
  Duration delay(Tally tally) {
    return policy.delayAfter(tally.failures());
  }

  synchronized Tally unknownName(String name) {
    return unknown.getOrDefault(name, Tally.CLEAN);
  }

  synchronized void unknownName(String name, Tally tally) {
    unknown.put(name, tally);
  }

  /** Counts one login attempt in {@code sharpeyes_auth_login_total{outcome}}. */
  void count(String outcome) {
    Counter.builder("sharpeyes.auth.login")
        .description("login attempts by outcome: ok, refused, locked, disabled, invalid")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
