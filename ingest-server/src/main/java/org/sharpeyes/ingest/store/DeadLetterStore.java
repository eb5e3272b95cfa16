package org.sharpeyes.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code dead_letters} table. Thread-safe (each call borrows its own connection). */
public final class DeadLetterStore {

  static final String INSERT =
      "INSERT INTO dead_letters (received_at, topic, reason, detail, payload, payload_size)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;

  public DeadLetterStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts one dead letter in its own transaction. */
  public void insert(DeadLetter letter) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      insert(c, letter);
    }
  }

  void insert(Connection c, DeadLetter letter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(ps, letter);
      ps.executeUpdate();
    }
  }

  void insertBatch(Connection c, List<DeadLetter> letters) throws SQLException {
    if (letters.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (DeadLetter letter : letters) {
        bind(ps, letter);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The most recent dead letters, newest first. */
  public List<DeadLetter> latest(int limit) throws SQLException {
    String sql =
        "SELECT id, received_at, topic, reason, detail, payload, payload_size FROM dead_letters"
            + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY";
    List<DeadLetter> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DeadLetter(
                  rs.getLong(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBytes(6),
                  rs.getInt(7)));
        }
      }
    }
    return out;
  }

  /** Number of dead letters with this reason. */
  public long countByReason(String reason) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT COUNT(*) FROM dead_letters WHERE reason = ?")) {
      ps.setString(1, reason);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void bind(PreparedStatement ps, DeadLetter letter) throws SQLException {
    ps.setObject(1, EventStore.utc(letter.receivedAt()));
    ps.setString(2, letter.topic());
    ps.setString(3, letter.reason());
    ps.setString(4, letter.detail());
    ps.setBytes(5, letter.payload());
    ps.setInt(6, letter.payloadSize());
  }
}
