package org.sharpeyes.ingest.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the token check must know of the store, held in memory so that it never blocks: each user's
 * disabled flag and token epoch, and the access tokens revoked before their expiry. {@link
 * #refresh} re-reads both from the store (every {@code auth.revocationRefresh}, on a scheduler
 * thread), so a change made by another server or by the CLI takes effect within that period; a
 * change made through this server is noted at once ({@link #noteUser}, {@link #noteRevoked}).
 *
 * <p>Bound: revoked tokens are kept only until they expire (a token past its expiry is refused
 * anyway), so the set holds at most the tokens revoked within one access-token lifetime.
 * Thread-safe.
 */
public final class Revocations {

  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final UserStore users;
  private final SessionStore sessions;
  private final Clock clock;
  private volatile Map<String, UserStore.TokenState> states = Map.of();
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
  private Instant lastPrune = Instant.MIN;

  public Revocations(UserStore users, SessionStore sessions, Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Re-reads users and revoked tokens; keeps what it had when the store fails. Blocking. */
  public synchronized void refresh() {
    Instant now = clock.instant();
    try {
      states = Map.copyOf(users.tokenStates());
      Map<String, Instant> fresh = sessions.revokedAccess(now);
      revoked.putAll(fresh);
      revoked.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
      if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
        lastPrune = now;
        sessions.prune(now);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("cannot re-read users and revoked tokens, keeping the last ones: {}", e.toString());
    }
  }

  /** The user's state as last read; null for a user unknown to the store. */
  UserStore.TokenState state(String user) {
    return states.get(user);
  }

  boolean isRevoked(String jti) {
    Instant until = revoked.get(jti);
    return until != null && clock.instant().isBefore(until);
  }

  /** A token revoked here, effective at once. */
  void noteRevoked(String jti, Instant expiresAt) {
    revoked.put(jti, expiresAt);
  }

  /** A user changed here, effective at once. */
  synchronized void noteUser(String name, UserStore.TokenState state) {
    Map<String, UserStore.TokenState> next = new HashMap<>(states);
    next.put(name, state);
    states = Map.copyOf(next);
  }

  /** Revoked tokens held now (for the bound's test and a gauge). */
  int revokedCount() {
    return revoked.size();
  }
}
