package org.sharpeyes.ingest.outbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The webhook subscriptions and the durable outbound queue ({@code webhook_subscriptions}, {@code
 * webhook_deliveries}, V7). Portable SQL (H2 and PostgreSQL). Blocking; thread-safe.
 */
final class WebhookStore {

  /** One row of the queue as the API lists it. */
  record Delivery(
      String id,
      String subscriptionId,
      String kind,
      String alertId,
      String state,
      int attempts,
      Instant nextAttempt,
      String lastError,
      Instant createdAt,
      Instant doneAt) {}

  /** A pending delivery that is due, with where and how to send it. */
  record Due(String id, String kind, String body, int attempts, String url, String secret) {}

  private static final String SUB_COLUMNS =
      "id, url, jurisdiction, kinds, secret, created_by, created_at, enabled";

  private final DataSource dataSource;

  WebhookStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void add(WebhookSubscription s) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO webhook_subscriptions ("
                    + SUB_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setString(1, s.id());
      ps.setString(2, s.url());
      ps.setString(3, s.jurisdiction());
      ps.setString(4, String.join(",", s.kinds()));
      ps.setString(5, s.secret());
      ps.setString(6, s.createdBy());
      setInstant(ps, 7, s.createdAt());
      ps.setBoolean(8, s.enabled());
      ps.executeUpdate();
    }
  }

  List<WebhookSubscription> subscriptions() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + SUB_COLUMNS + " FROM webhook_subscriptions ORDER BY created_at, id");
        ResultSet rs = ps.executeQuery()) {
      List<WebhookSubscription> out = new ArrayList<>();
      while (rs.next()) {
        out.add(subscription(rs));
      }
      return out;
    }
  }

  Optional<WebhookSubscription> subscription(String id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + SUB_COLUMNS + " FROM webhook_subscriptions WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(subscription(rs)) : Optional.empty();
      }
    }
  }

  /** Removes the subscription and its deliveries (pending ones are not sent); false if unknown. */
  boolean remove(String id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement d =
              c.prepareStatement("DELETE FROM webhook_deliveries WHERE subscription_id = ?");
          PreparedStatement s =
              c.prepareStatement("DELETE FROM webhook_subscriptions WHERE id = ?")) {
        d.setString(1, id);
        d.executeUpdate();
        s.setString(1, id);
        boolean removed = s.executeUpdate() == 1;
        c.commit();
        return removed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  int pending() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'pending'");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  void enqueue(
      String id, String subscriptionId, String kind, String alertId, String body, Instant now)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO webhook_deliveries (id, subscription_id, kind, alert_id, body, state,"
                    + " attempts, next_attempt, created_at) VALUES (?,?,?,?,?,'pending',0,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, subscriptionId);
      ps.setString(3, kind);
      ps.setString(4, alertId);
      ps.setString(5, body);
      setInstant(ps, 6, now);
      setInstant(ps, 7, now);
      ps.executeUpdate();
    }
  }

  /**
   * Pending deliveries of enabled subscriptions due by {@code now}, the longest waiting first, at
   * most {@code limit}.
   */
  List<Due> due(Instant now, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT d.id, d.kind, d.body, d.attempts, s.url, s.secret"
                    + " FROM webhook_deliveries d JOIN webhook_subscriptions s"
                    + " ON s.id = d.subscription_id"
                    + " WHERE d.state = 'pending' AND d.next_attempt <= ? AND s.enabled = TRUE"
                    + " ORDER BY d.next_attempt LIMIT ?")) {
      setInstant(ps, 1, now);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Due> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Due(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
        return out;
      }
    }
  }

  /**
   * Takes a delivery for one attempt: counts the attempt and moves its next attempt to {@code
   * leaseUntil} (so that it is tried again if this server stops while sending), only if it is still
   * pending with {@code attempts} attempts. False when another server (or poll) took it first.
   */
  boolean claim(String id, int attempts, Instant leaseUntil) throws SQLException {
    return update(
        "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt = ?"
            + " WHERE id = ? AND state = 'pending' AND attempts = ?",
        ps -> {
          setInstant(ps, 1, leaseUntil);
          ps.setString(2, id);
          ps.setInt(3, attempts);
        });
  }

  void delivered(String id, Instant at) throws SQLException {
    update(
        "UPDATE webhook_deliveries SET state = 'delivered', done_at = ?, last_error = NULL"
            + " WHERE id = ?",
        ps -> {
          setInstant(ps, 1, at);
          ps.setString(2, id);
        });
  }

  void retry(String id, Instant next, String error) throws SQLException {
    update(
        "UPDATE webhook_deliveries SET next_attempt = ?, last_error = ?"
            + " WHERE id = ? AND state = 'pending'",
        ps -> {
          setInstant(ps, 1, next);
          ps.setString(2, cut(error));
          ps.setString(3, id);
        });
  }

  void dead(String id, Instant at, String error) throws SQLException {
    update(
        "UPDATE webhook_deliveries SET state = 'dead', done_at = ?, last_error = ? WHERE id = ?",
        ps -> {
          setInstant(ps, 1, at);
          ps.setString(2, cut(error));
          ps.setString(3, id);
        });
  }

  /** The subscription's latest deliveries, newest first. */
  List<Delivery> deliveries(String subscriptionId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, subscription_id, kind, alert_id, state, attempts, next_attempt,"
                    + " last_error, created_at, done_at FROM webhook_deliveries"
                    + " WHERE subscription_id = ? ORDER BY created_at DESC, id LIMIT ?")) {
      ps.setString(1, subscriptionId);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        List<Delivery> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Delivery(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getInt(6),
                  instant(rs, 7),
                  rs.getString(8),
                  instant(rs, 9),
                  instant(rs, 10)));
        }
        return out;
      }
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private boolean update(String sql, Binder binder) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    }
  }

  private static WebhookSubscription subscription(ResultSet rs) throws SQLException {
    return new WebhookSubscription(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Arrays.stream(rs.getString(4).split(",")).filter(k -> !k.isBlank()).toList(),
        rs.getString(5),
        rs.getString(6),
        instant(rs, 7),
        rs.getBoolean(8));
  }

  private static String cut(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void setInstant(PreparedStatement ps, int index, Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
  }
}
