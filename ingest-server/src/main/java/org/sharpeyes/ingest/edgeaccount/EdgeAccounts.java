package org.sharpeyes.ingest.edgeaccount;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.broker.EdgePasswords;
import org.sharpeyes.ingest.store.StoreUnavailableException;
import org.sharpeyes.schema.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edges' broker accounts, in the {@code edge_accounts} table. Every change is written to the
 * audit trail ({@code edge.add}, {@code edge.passwd}, {@code edge.disable}) with who made it, and
 * told to every {@link Listener} (the Mosquitto files, {@link MosquittoFilesSync}). Blocking
 * (database): call from a worker thread or the command line. Thread-safe.
 */
public final class EdgeAccounts {

  /** Hears of every change made through these accounts. */
  @FunctionalInterface
  public interface Listener {
    /**
     * {@code edgeId}'s account was added, given a new password or disabled. Called on the thread
     * that made the change, after it is stored and before the caller gets its result; an exception
     * thrown here is logged and does not undo the change.
     */
    void accountChanged(String edgeId);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EdgeAccounts.class);

  private final DataSource dataSource;
  private final Clock clock;
  private final RandomGenerator random;
  private final AuditTrail audit;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param random for passwords and salts: a {@link java.security.SecureRandom}
   * @param audit where changes are recorded
   */
  public EdgeAccounts(
      DataSource dataSource, Clock clock, RandomGenerator random, AuditTrail audit) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.random = random;
    this.audit = audit;
  }

  /** Tells {@code listener} of every later change. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Makes the account of {@code edgeId} with a generated password.
   *
   * @param actor who asks (a user name), and {@code from} where ({@code cli}, an address)
   * @return the password in clear, to be shown once
   * @throws IllegalArgumentException when the edge id is not valid, or already has an account
   */
  public NewEdgeAccount add(String edgeId, String actor, String from) {
    checkId(edgeId);
    String password = EdgePasswords.generate(random);
    String hash = MosquittoPasswordHash.hash(password.toCharArray(), random);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO edge_accounts (edge_id, password_hash, created_at, disabled)"
                    + " VALUES (?, ?, ?, FALSE)")) {
      if (find(c, edgeId).isPresent()) {
        audit.record(entry(actor, from, "edge.add", edgeId, "refused", "already exists"));
        throw new IllegalArgumentException(
            "edge " + edgeId + " already has an account — use 'edges passwd' for a new password");
      }
      s.setString(1, edgeId);
      s.setString(2, hash);
      s.setTimestamp(3, Timestamp.from(clock.instant()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("add the account of " + edgeId, e);
    }
    audit.record(entry(actor, from, "edge.add", edgeId, "ok", ""));
    changed(edgeId);
    return new NewEdgeAccount(edgeId, password);
  }

  /**
   * Gives {@code edgeId} a new generated password and enables it again.
   *
   * @throws IllegalArgumentException when the edge has no account
   */
  public NewEdgeAccount resetPassword(String edgeId, String actor, String from) {
    checkId(edgeId);
    String password = EdgePasswords.generate(random);
    String hash = MosquittoPasswordHash.hash(password.toCharArray(), random);
    int rows =
        update(
            "UPDATE edge_accounts SET password_hash = ?, disabled = FALSE WHERE edge_id = ?",
            hash,
            edgeId);
    if (rows == 0) {
      audit.record(entry(actor, from, "edge.passwd", edgeId, "refused", "no such edge"));
      throw new IllegalArgumentException(
          "edge " + edgeId + " has no account — make one with 'edges add'");
    }
    audit.record(entry(actor, from, "edge.passwd", edgeId, "ok", ""));
    changed(edgeId);
    return new NewEdgeAccount(edgeId, password);
  }

  /**
   * Disables {@code edgeId}: it is refused at its next connection. A connection already open stays
   * open until it ends.
   *
   * @return whether the edge has an account
   */
  public boolean disable(String edgeId, String actor, String from) {
    int rows = update("UPDATE edge_accounts SET disabled = TRUE WHERE edge_id = ?", edgeId);
    audit.record(
        entry(
            actor,
            from,
            "edge.disable",
            edgeId,
            rows > 0 ? "ok" : "refused",
            rows > 0 ? "" : "no such edge"));
    if (rows > 0) {
      changed(edgeId);
    }
    return rows > 0;
  }

  /** The account of {@code edgeId}, enabled or not. */
  public Optional<EdgeAccount> find(String edgeId) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, edgeId);
    } catch (SQLException e) {
      throw unavailable("read the account of " + edgeId, e);
    }
  }

  /** Every account, by edge id. */
  public List<EdgeAccount> list() {
    List<EdgeAccount> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT edge_id, password_hash, created_at, disabled FROM edge_accounts"
                    + " ORDER BY edge_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(row(r));
      }
    } catch (SQLException e) {
      throw unavailable("list the edge accounts", e);
    }
    return out;
  }

  private void changed(String edgeId) {
    for (Listener l : listeners) {
      try {
        l.accountChanged(edgeId);
      } catch (RuntimeException e) {
        LOG.error("after the change of edge {}'s account: {}", edgeId, e.toString(), e);
      }
    }
  }

  private static Optional<EdgeAccount> find(Connection c, String edgeId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT edge_id, password_hash, created_at, disabled FROM edge_accounts"
                + " WHERE edge_id = ?")) {
      s.setString(1, edgeId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  private static EdgeAccount row(ResultSet r) throws SQLException {
    return new EdgeAccount(
        r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getBoolean(4));
  }

  private int update(String sql, String... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setString(i + 1, values[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("change an edge account", e);
    }
  }

  private AuditEntry entry(
      String actor, String from, String action, String subject, String outcome, String detail) {
    return new AuditEntry(clock.instant(), actor, from, action, subject, outcome, detail);
  }

  private static void checkId(String edgeId) {
    if (edgeId == null || !Topics.EDGE_ID.matcher(edgeId).matches()) {
      throw new IllegalArgumentException(
          "'" + edgeId + "' is not an edge id — 1..64 characters of A-Z a-z 0-9 . _ -");
    }
  }

  private static StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
  }
}
