package org.sharpeyes.ingest.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * The {@code users} table (migration V4). Blocking, thread-safe (each call borrows its own
 * connection); call from a worker thread.
 */
public final class UserStore {

  private static final String COLUMNS =
      "name, role, jurisdiction, clearance, password_hash, disabled, created_at,"
          + " password_changed_at, failed_logins, locked_until, token_epoch";

  /** What the token check needs of a user, read every few seconds. */
  public record TokenState(boolean disabled, int tokenEpoch) {}

  private final DataSource dataSource;

  public UserStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Adds a user; false when the name is taken (nothing written). */
  public boolean add(UserAccount u) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (find(c, u.name()).isPresent()) {
        return false;
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, u.name());
        s.setString(2, u.role().label());
        s.setString(3, u.jurisdiction());
        s.setString(4, u.clearance().label());
        s.setString(5, u.passwordHash());
        s.setBoolean(6, u.disabled());
        s.setTimestamp(7, Timestamp.from(u.createdAt()));
        s.setTimestamp(8, Timestamp.from(u.passwordChangedAt()));
        s.setInt(9, u.failedLogins());
        s.setTimestamp(10, u.lockedUntil() == null ? null : Timestamp.from(u.lockedUntil()));
        s.setInt(11, u.tokenEpoch());
        s.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (find(c, u.name()).isPresent()) {
          return false; // added by someone else meanwhile
        }
        throw e;
      }
    }
  }

  public Optional<UserAccount> find(String name) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return find(c, name);
    }
  }

  /** Every user, by name. */
  public List<UserAccount> all() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY name");
        ResultSet r = s.executeQuery()) {
      List<UserAccount> users = new ArrayList<>();
      while (r.next()) {
        users.add(row(r));
      }
      return users;
    }
  }

  /** Whether any enabled user has {@code role}. */
  public boolean anyEnabled(Role role) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM users WHERE role = ? AND disabled = FALSE")) {
      s.setString(1, role.label());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getLong(1) > 0;
      }
    }
  }

  /** Disabled flag and token epoch of every user, for the token check's cache. */
  public Map<String, TokenState> tokenStates() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT name, disabled, token_epoch FROM users");
        ResultSet r = s.executeQuery()) {
      Map<String, TokenState> states = new HashMap<>();
      while (r.next()) {
        states.put(r.getString(1), new TokenState(r.getBoolean(2), r.getInt(3)));
      }
      return states;
    }
  }

  /**
   * Sets the disabled flag and raises the token epoch (so that neither disabling nor re-enabling
   * brings back a token issued before). False when there is no such user.
   */
  public boolean setDisabled(String name, boolean disabled) throws SQLException {
    return update(
        "UPDATE users SET disabled = ?, token_epoch = token_epoch + 1, failed_logins = 0,"
            + " locked_until = NULL WHERE name = ?",
        s -> {
          s.setBoolean(1, disabled);
          s.setString(2, name);
        });
  }

  /** Replaces the password hash and raises the token epoch. False when there is no such user. */
  public boolean setPassword(String name, String hash, Instant at) throws SQLException {
    return update(
        "UPDATE users SET password_hash = ?, password_changed_at = ?, token_epoch ="
            + " token_epoch + 1, failed_logins = 0, locked_until = NULL WHERE name = ?",
        s -> {
          s.setString(1, hash);
          s.setTimestamp(2, Timestamp.from(at));
          s.setString(3, name);
        });
  }

  /** Records the outcome of a login: failures so far and the lock, if one begins. */
  public void recordLogin(String name, int failedLogins, Instant lockedUntil) throws SQLException {
    update(
        "UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?",
        s -> {
          s.setInt(1, failedLogins);
          s.setTimestamp(2, lockedUntil == null ? null : Timestamp.from(lockedUntil));
          s.setString(3, name);
        });
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private boolean update(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      return s.executeUpdate() == 1;
    }
  }

  private static Optional<UserAccount> find(Connection c, String name) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  private static UserAccount row(ResultSet r) throws SQLException {
    Timestamp locked = r.getTimestamp("locked_until");
    return new UserAccount(
        r.getString("name"),
        Role.fromLabel(r.getString("role")).orElseThrow(() -> bad(r, "role")),
        r.getString("jurisdiction"),
        Clearance.fromLabel(r.getString("clearance")).orElseThrow(() -> bad(r, "clearance")),
        r.getString("password_hash"),
        r.getBoolean("disabled"),
        r.getTimestamp("created_at").toInstant(),
        r.getTimestamp("password_changed_at").toInstant(),
        r.getInt("failed_logins"),
        locked == null ? null : locked.toInstant(),
        r.getInt("token_epoch"));
  }

  private static SQLException bad(ResultSet r, String column) {
    try {
      return new SQLException(
          "users." + column + " of " + r.getString("name") + " is not a known value");
    } catch (SQLException e) {
      return e;
    }
  }
}
