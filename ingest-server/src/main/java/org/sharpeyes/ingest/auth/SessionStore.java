package org.sharpeyes.ingest.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Refresh tokens (by their SHA-256) and revoked access tokens (by jti), tables {@code
 * refresh_tokens} and {@code revoked_tokens} of migration V4. Blocking, thread-safe; call from a
 * worker thread.
 */
public final class SessionStore {

  /** A stored refresh token. */
  public record RefreshToken(
      String userName, String sessionId, Instant expiresAt, boolean used, boolean revoked) {}

  private final DataSource dataSource;

  public SessionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void addRefresh(
      String tokenHash, String userName, String sessionId, Instant expiresAt, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, user_name, session_id, expires_at, used,"
                    + " revoked, created_at) VALUES (?, ?, ?, ?, FALSE, FALSE, ?)")) {
      s.setString(1, tokenHash);
      s.setString(2, userName);
      s.setString(3, sessionId);
      s.setTimestamp(4, Timestamp.from(expiresAt));
      s.setTimestamp(5, Timestamp.from(now));
      s.executeUpdate();
    }
  }

  public Optional<RefreshToken> findRefresh(String tokenHash) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT user_name, session_id, expires_at, used, revoked FROM refresh_tokens"
                    + " WHERE token_hash = ?")) {
      s.setString(1, tokenHash);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new RefreshToken(
                r.getString(1),
                r.getString(2),
                r.getTimestamp(3).toInstant(),
                r.getBoolean(4),
                r.getBoolean(5)));
      }
    }
  }

  /**
   * Marks a refresh token used, if it was not: true for the one caller that wins, so that two
   * concurrent uses of one token cannot both succeed.
   */
  public boolean markUsed(String tokenHash) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE refresh_tokens SET used = TRUE WHERE token_hash = ? AND used = FALSE"
                    + " AND revoked = FALSE")) {
      s.setString(1, tokenHash);
      return s.executeUpdate() == 1;
    }
  }

  /** Revokes every refresh token of a session. */
  public void revokeSession(String sessionId) throws SQLException {
    execute("UPDATE refresh_tokens SET revoked = TRUE WHERE session_id = ?", sessionId);
  }

  /** Revokes every refresh token of a user. */
  public void revokeUser(String userName) throws SQLException {
    execute("UPDATE refresh_tokens SET revoked = TRUE WHERE user_name = ?", userName);
  }

  /** Records an access token as revoked until it expires. */
  public void revokeAccess(String jti, String userName, Instant expiresAt) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO revoked_tokens (jti, user_name, expires_at) SELECT ?, ?, ? WHERE NOT"
                    + " EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)")) {
      s.setString(1, jti);
      s.setString(2, userName);
      s.setTimestamp(3, Timestamp.from(expiresAt));
      s.setString(4, jti);
      s.executeUpdate();
    }
  }

  /** The revoked access tokens not yet expired at {@code now}: jti → expiry. */
  public Map<String, Instant> revokedAccess(Instant now) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT jti, expires_at FROM revoked_tokens WHERE expires_at > ?")) {
      s.setTimestamp(1, Timestamp.from(now));
      try (ResultSet r = s.executeQuery()) {
        Map<String, Instant> revoked = new HashMap<>();
        while (r.next()) {
          revoked.put(r.getString(1), r.getTimestamp(2).toInstant());
        }
        return revoked;
      }
    }
  }

  /** Deletes revoked access tokens and refresh tokens that expired before {@code now}. */
  public int prune(Instant now) throws SQLException {
    int n = 0;
    try (Connection c = dataSource.getConnection()) {
      for (String table : new String[] {"revoked_tokens", "refresh_tokens"}) {
        try (PreparedStatement s =
            c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
          s.setTimestamp(1, Timestamp.from(now));
          n += s.executeUpdate();
        }
      }
    }
    return n;
  }

  private void execute(String sql, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      s.executeUpdate();
    }
  }
}
