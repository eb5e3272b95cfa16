package org.sharpeyes.ingest.edgeaccount;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.broker.EdgeLogins;
import org.sharpeyes.ingest.store.StoreUnavailableException;

/**
 * The embedded broker's check of edge logins, against the {@code edge_accounts} table through a
 * small cache: an account read is reused for {@link #TTL}, so a fleet reconnecting at once reads
 * each account about once, and a change made elsewhere (the command line, another process) applies
 * within {@link #TTL} — a disabled edge is refused at its first connection after that. Holds at
 * most {@link #MAX_ENTRIES} accounts; past that it starts again empty. Thread-safe.
 */
public final class CachedEdgeLogins implements EdgeLogins {

  static final Duration TTL = Duration.ofSeconds(5);
  static final int MAX_ENTRIES = 10_000;

  private record Entry(Optional<EdgeAccount> account, Instant readAt) {}

  private final EdgeAccounts accounts;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  public CachedEdgeLogins(EdgeAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public Verdict check(String edgeId, char[] password) {
    Optional<EdgeAccount> account;
    try {
      account = account(edgeId);
    } catch (StoreUnavailableException e) {
      return Verdict.UNAVAILABLE;
    }
    if (account.isEmpty()) {
      return Verdict.UNKNOWN_EDGE;
    }
    if (!MosquittoPasswordHash.matches(account.get().passwordHash(), password)) {
      return Verdict.WRONG_PASSWORD;
    }
    return account.get().disabled() ? Verdict.DISABLED : Verdict.ACCEPTED;
  }

  /** Forgets what is cached of {@code edgeId}, after a change made in this process. */
  public void forget(String edgeId) {
    cache.remove(edgeId);
  }

  private Optional<EdgeAccount> account(String edgeId) {
    Instant now = clock.instant();
    Entry e = cache.get(edgeId);
    if (e != null && Duration.between(e.readAt(), now).compareTo(TTL) < 0) {
      return e.account();
    }
    Optional<EdgeAccount> read = accounts.find(edgeId);
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(edgeId, new Entry(read, now));
    return read;
  }
}
