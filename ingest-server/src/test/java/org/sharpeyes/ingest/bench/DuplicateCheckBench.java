package org.sharpeyes.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;

/**
 * Events per second into PostgreSQL in 20-event batches of new ids, into an {@code events} table
 * already holding {@value #STORED} rows, on a fresh database whose table has no statistics
 * (autovacuum off for it, no {@code ANALYZE}): the duplicate pre-check the server ran before
 * ({@code SELECT id FROM events WHERE id IN (…)}, then a JDBC batch insert of the new ones) next to
 * {@link BatchWriter#write} as it is now ({@code INSERT … ON CONFLICT (id) DO NOTHING RETURNING
 * id}). Each batch is one transaction on a pooled connection, as the ingest worker writes. A second
 * scenario repeats it on a table analysed while empty (statistics that say it holds nothing).
 *
 * <p>Not a unit test: run it as a main with the test classpath. Arguments: {@code [admin JDBC URL]
 * [batches per run]}; the URL defaults to {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. Creates a database with a random name
 * and drops it afterwards.
 */
public final class DuplicateCheckBench {

  static final int STORED = 200_000;
  private static final int BATCH = 20;
  private static final String PAYLOAD = "{\"data\":\"" + "x".repeat(580) + "\"}";

  private DuplicateCheckBench() {}

  public static void main(String[] args) throws Exception {
    String admin =
        args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    for (Scenario scenario : Scenario.values()) {
      String name = "sharpeyes_dupbench_" + UUID.randomUUID().toString().substring(0, 8);
      try (Connection a = DriverManager.getConnection(admin);
          Statement st = a.createStatement()) {
        st.execute("CREATE DATABASE " + name);
        if (scenario == Scenario.SEQUENTIAL_SCAN) {
          st.execute("ALTER DATABASE " + name + " SET enable_indexscan = off");
          st.execute("ALTER DATABASE " + name + " SET enable_bitmapscan = off");
        }
      }
      try (Database db =
          Database.open(
              new StoreConfig(admin.replace("/postgres?", "/" + name + "?"), Credentials.NONE, 4),
              null)) {
        scenario(db.dataSource(), scenario, batches);
      } finally {
        try (Connection a = DriverManager.getConnection(admin);
            Statement st = a.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    }
  }

  /** The table's statistics, and what the planner may use. */
  private enum Scenario {
    NEVER_ANALYSED("table never analysed"),
    ANALYSED_EMPTY("table analysed while empty"),
    SEQUENTIAL_SCAN("planner kept off the indexes (the plan issue 14 reports)");

    final String label;

    Scenario(String label) {
      this.label = label;
    }
  }

  private static void scenario(DataSource ds, Scenario scenario, int batches) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE events SET (autovacuum_enabled = false)");
      if (scenario == Scenario.ANALYSED_EMPTY) {
        st.execute("ANALYZE events");
      }
    }
    BatchWriter writer = new BatchWriter(ds, new EventStore(ds), new DeadLetterStore(ds));
    Ids ids = new Ids();
    for (int stored = 0; stored < STORED; stored += 500) {
      writer.write(new BatchWriter.Batch(rows(ids, 500), List.of()));
    }
    System.out.printf(
        "%s, %,d rows; pre-check plan: %s%n",
        scenario.label, STORED, plan(ds, rows(new Ids(), BATCH)));
    // A sequential scan per batch is slow: fewer batches, the rate is still plain.
    int oldBatches = scenario == Scenario.SEQUENTIAL_SCAN ? Math.max(10, batches / 100) : batches;
    for (int round = 1; round <= 3; round++) {
      double old = rate(oldBatches, () -> preCheckThenInsert(ds, rows(ids, BATCH)));
      double now =
          rate(batches, () -> writer.write(new BatchWriter.Batch(rows(ids, BATCH), List.of())));
      System.out.printf(
          "  round %d: pre-check + batch insert %,8.0f events/s | insert on conflict %,8.0f"
              + " events/s%n",
          round, old, now);
    }
  }

  private interface BatchWrite {
    void run() throws SQLException;
  }

  private static double rate(int batches, BatchWrite write) throws SQLException {
    long t = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      write.run();
    }
    return batches * (double) BATCH / ((System.nanoTime() - t) / 1e9);
  }

  /** The write path before: look the ids up, insert the new ones in a JDBC batch, commit. */
  private static void preCheckThenInsert(DataSource ds, List<EventRow> rows) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Set<String> stored = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement(preCheck(rows.size()))) {
        for (int i = 0; i < rows.size(); i++) {
          ps.setString(i + 1, rows.get(i).id());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            stored.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO events (id, type, edge_id, device_id, seq, event_time, received_at,"
                  + " plate, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (EventRow r : rows) {
          if (stored.contains(r.id())) {
            continue;
          }
          ps.setString(1, r.id());
          ps.setString(2, r.kind());
          ps.setString(3, r.edgeId());
          ps.setString(4, r.deviceId());
          ps.setLong(5, r.seq());
          ps.setObject(6, r.eventTime().atOffset(ZoneOffset.UTC));
          ps.setObject(7, r.receivedAt().atOffset(ZoneOffset.UTC));
          ps.setString(8, r.plate());
          ps.setString(9, r.payload());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  private static String preCheck(int ids) {
    return "SELECT id FROM events WHERE id IN ("
        + String.join(",", Collections.nCopies(ids, "?"))
        + ")";
  }

  /** The plan PostgreSQL picks for the pre-check of {@code rows}, on one line. */
  private static String plan(DataSource ds, List<EventRow> rows) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + preCheck(rows.size()))) {
      for (int i = 0; i < rows.size(); i++) {
        ps.setString(i + 1, rows.get(i).id());
      }
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1).trim().replaceAll("\\s+", " "));
        }
      }
      return lines.get(0);
    }
  }

  /** New event ids, in order. */
  private static final class Ids {
    private long next;

    String next() {
      return String.format("0190%012d-7000-8000-000000000000", next++);
    }
  }

  private static List<EventRow> rows(Ids ids, int n) {
    List<EventRow> rows = new ArrayList<>(n);
    Instant now = Instant.now();
    for (int i = 0; i < n; i++) {
      rows.add(
          new EventRow(
              ids.next(),
              "vehicle.sighted",
              "edge-" + (i % 10),
              "43070200001320000101",
              i + 1,
              now,
              now,
              null,
              PAYLOAD));
    }
    return rows;
  }
}
