package org.sharpeyes.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;

/**
 * Login, refresh and logout of local accounts. Every method blocks (password hashing, the store,
 * the audit record): call from a worker thread. Thread-safe.
 *
 * <p>A refresh token is 32 random bytes (Base64url), stored only as its SHA-256 and used once: each
 * refresh gives a new pair in the same session; presenting a used token again revokes the whole
 * session (someone has a copy). A session's access tokens are revoked with it through the pseudo
 * jti {@code sid:<session>} that {@link TokenAuthenticator} also checks.
 */
public final class LoginService {

  /** A new access and refresh token. */
  public record TokenPair(
      LocalTokens.Issued access,
      String refreshToken,
      Instant refreshExpiresAt,
      UserAccount user,
      Instant issuedAt) {}

  /** What a login or refresh gave. */
  public sealed interface Outcome {}

  public record Granted(TokenPair tokens) implements Outcome {}

  /**
   * Refused; {@code delay}: how long to hold the answer (progressive delay after failures).
   *
   * @param reason for the client, the same for an unknown name and a wrong password
   */
  public record Refused(String reason, Duration delay) implements Outcome {}

  /** The account (or tried name) is locked for {@code retryAfter}. */
  public record Locked(Duration retryAfter) implements Outcome {}

  static final String WRONG = "wrong user name or password";
  private static final int REFRESH_BYTES = 32;

  private final UserStore users;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final LocalTokens tokens;
  private final Revocations revocations;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final Duration refreshLifetime;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  LoginService(
      UserStore users,
      SessionStore sessions,
      PasswordHasher hasher,
      LocalTokens tokens,
      Revocations revocations,
      LoginThrottle throttle,
      AuditTrail audit,
      Duration refreshLifetime,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.tokens = tokens;
    this.revocations = revocations;
    this.throttle = throttle;
    this.audit = audit;
    this.refreshLifetime = refreshLifetime;
    this.clock = clock;
  }

  /** Checks a name and password; {@code from} is the caller's address, for the audit record. */
  public Outcome login(String name, String password, String from) throws SQLException {
    Instant now = clock.instant();
    Optional<UserAccount> found = users.find(name);
    if (found.isEmpty()) {
      return unknownName(name, password, from, now);
    }
    UserAccount u = found.get();
    LoginThrottle.Tally tally = new LoginThrottle.Tally(u.failedLogins(), u.lockedUntil());
    if (tally.lockedAt(now)) {
      return locked(name, from, now, tally);
    }
    if (!hasher.matches(password, u.passwordHash())) {
      LoginThrottle.Tally after = throttle.failed(tally, now);
      users.recordLogin(name, after.failures(), after.lockedUntil());
      return refused(name, from, now, after);
    }
    if (u.disabled()) {
      throttle.count("disabled");
      record(now, name, from, "login", "refused", "account disabled");
      return new Refused("this account is disabled; ask an administrator", Duration.ZERO);
    }
    if (u.failedLogins() > 0 || u.lockedUntil() != null) {
      users.recordLogin(name, 0, null);
    }
    String sessionId = UUID.randomUUID().toString();
    TokenPair pair = issue(u, sessionId, now);
    throttle.count("ok");
    record(now, name, from, "login", "ok", "session " + sessionId);
    return new Granted(pair);
  }

  /** Exchanges a refresh token for a new pair; a reused one revokes its session. */
  public Outcome refresh(String refreshToken, String from) throws SQLException {
    Instant now = clock.instant();
    String hash = sha256(refreshToken);
    Optional<SessionStore.RefreshToken> found = sessions.findRefresh(hash);
    if (found.isEmpty()) {
      return new Refused("unknown refresh token", Duration.ZERO);
    }
    SessionStore.RefreshToken t = found.get();
    if (t.revoked()) {
      return new Refused("refresh token revoked", Duration.ZERO);
    }
    if (!now.isBefore(t.expiresAt())) {
      return new Refused("refresh token expired at " + t.expiresAt(), Duration.ZERO);
    }
    if (t.used() || !sessions.markUsed(hash)) {
      revokeSession(t.userName(), t.sessionId(), now);
      record(now, t.userName(), from, "token.refresh", "refused", "reused refresh token");
      return new Refused(
          "refresh token already used: the session is revoked, log in again", Duration.ZERO);
    }
    Optional<UserAccount> user = users.find(t.userName());
    if (user.isEmpty() || user.get().disabled()) {
      revokeSession(t.userName(), t.sessionId(), now);
      return new Refused("user disabled", Duration.ZERO);
    }
    return new Granted(issue(user.get(), t.sessionId(), now));
  }

  /** Revokes the token {@code verified} and the rest of its session. */
  public void logout(TokenAuthenticator.Verified verified, String from) throws SQLException {
    Instant now = clock.instant();
    String user = verified.principal().name();
    if (verified.jti() != null && verified.expiresAt() != null) {
      sessions.revokeAccess(verified.jti(), user, verified.expiresAt());
      revocations.noteRevoked(verified.jti(), verified.expiresAt());
    }
    if (verified.sessionId() != null) {
      revokeSession(user, verified.sessionId(), now);
    }
    record(now, user, from, "logout", "ok", "");
  }

  private void revokeSession(String user, String sessionId, Instant now) throws SQLException {
    sessions.revokeSession(sessionId);
    Instant until = now.plus(tokens.lifetime());
    sessions.revokeAccess("sid:" + sessionId, user, until);
    revocations.noteRevoked("sid:" + sessionId, until);
  }

  private TokenPair issue(UserAccount u, String sessionId, Instant now) throws SQLException {
    byte[] bytes = new byte[REFRESH_BYTES];
    random.nextBytes(bytes);
    String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant refreshExp = now.plus(refreshLifetime);
    sessions.addRefresh(sha256(refresh), u.name(), sessionId, refreshExp, now);
    return new TokenPair(tokens.issue(u, sessionId), refresh, refreshExp, u, now);
  }

  private Outcome unknownName(String name, String password, String from, Instant now) {
    LoginThrottle.Tally tally = throttle.unknownName(name);
    if (tally.lockedAt(now)) {
      return locked(name, from, now, tally);
    }
    hasher.checkNothing(password); // as long as a wrong password takes
    LoginThrottle.Tally after = throttle.failed(tally, now);
    throttle.unknownName(name, after);
    return refused(name, from, now, after);
  }

  private Outcome refused(String name, String from, Instant now, LoginThrottle.Tally after) {
    throttle.count("refused");
    String detail =
        after.lockedUntil() != null
            ? "wrong password; locked until " + after.lockedUntil()
            : "wrong password (" + after.failures() + " in a row)";
    record(now, name, from, "login", "refused", detail);
    return new Refused(WRONG, throttle.delay(after));
  }

  private Outcome locked(String name, String from, Instant now, LoginThrottle.Tally tally) {
    throttle.count("locked");
    record(now, name, from, "login", "refused", "locked until " + tally.lockedUntil());
    return new Locked(Duration.between(now, tally.lockedUntil()));
  }

  private void record(
      Instant at, String actor, String from, String action, String outcome, String detail) {
    audit.record(new AuditEntry(at, actor, from, action, actor, outcome, detail));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
