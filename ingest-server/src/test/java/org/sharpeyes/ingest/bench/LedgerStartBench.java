package org.sharpeyes.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.edge.EdgeSequences;
import org.sharpeyes.ingest.edge.SequenceRecovery;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.Database;

/**
 * How long the server takes to rebuild its seq ledgers at start with {@code N} (default 1 000 000)
 * stored events, on the server's own H2 file database in a temporary directory: resumed from {@code
 * edge_ledgers} (one row per edge) next to the scan of the events the server did before migration
 * V10, side by side, each on a freshly opened database (pool, H2 cache). Not a unit test: run it as
 * a main with the test classpath ({@code docs/performance.md}, "Ingest stages").
 *
 * <p>The events: {@value #EDGES} edges with {@code N / EDGES} events each, payloads of about 600
 * bytes; every edge misses one seq in 997 and one edge numbered afresh half-way (so the scan
 * replays it event by event, as it does live). Arguments: {@code [events] [rounds]}.
 */
public final class LedgerStartBench {

  static final int EDGES = 200;
  private static final int ROWS_PER_INSERT = 500;
  private static final int ROWS_PER_COMMIT = 20_000;

  private LedgerStartBench() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("ledger-start");
    StoreConfig store =
        new StoreConfig(
            StoreConfig.h2FileUrl(dir), Credentials.NONE, StoreConfig.DEFAULT_POOL_SIZE);
    try {
      long t0 = System.nanoTime();
      try (Database db = Database.open(store, null)) {
        fill(db, events);
      }
      System.out.printf(
          "stored %,d events of %d edges in %.1f s (database %,d MB)%n",
          events, EDGES, seconds(System.nanoTime() - t0), size(dir) >> 20);
      for (int round = 1; round <= rounds; round++) {
        Run scan = run(store, true);
        Run resume = run(store, false);
        System.out.printf(
            "round %d: scan of the events %,6d ms (+ %,d ms writing %d rows) | resumed from"
                + " edge_ledgers %,5d ms (%d edges)%n",
            round,
            scan.result().took().toMillis(),
            scan.wall().minus(scan.result().took()).toMillis(),
            scan.result().edges(),
            resume.wall().toMillis(),
            resume.result().edges());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Run(SequenceRecovery.Result result, Duration wall) {}

  /**
   * A server start's recovery on a freshly opened database; {@code scan} empties the rows first.
   */
  private static Run run(StoreConfig store, boolean scan) throws SQLException {
    try (Database db = Database.open(store, null)) {
      if (scan) {
        try (Connection c = db.dataSource().getConnection();
            Statement st = c.createStatement()) {
          st.execute("DELETE FROM edge_ledgers");
        }
      }
      EdgeSequences sequences =
          new EdgeSequences(10_000, 100, new IngestMetrics(new SimpleMeterRegistry()));
      long t = System.nanoTime();
      SequenceRecovery.Result result =
          new SequenceRecovery(db.dataSource(), Clock.systemUTC()).recoverInto(sequences);
      Duration wall = Duration.ofNanos(System.nanoTime() - t);
      if (result.resumed() == scan) {
        throw new IllegalStateException("expected resumed=" + !scan + ", was " + result);
      }
      return new Run(result, wall);
    }
  }

  /** Multi-row inserts straight into {@code events}, in receipt order. */
  private static void fill(Database db, int events) throws SQLException {
    String payload = "{\"data\":\"" + "x".repeat(580) + "\"}";
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO events (id, type, edge_id, device_id, seq, event_time, received_at,"
                + " plate, payload) VALUES ");
    for (int i = 0; i < ROWS_PER_INSERT; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    int perEdge = events / EDGES;
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      c.setAutoCommit(false);
      int row = 0;
      long n = 0;
      for (int k = 0; k < perEdge; k++) {
        for (int e = 0; e < EDGES; e++) {
          long seq = k + 1;
          if (e == 0 && k >= perEdge / 2) {
            seq = k - perEdge / 2 + 1; // edge 0 numbers afresh half-way
          } else if (seq % 997 == 0) {
            seq = 0; // stands in for a lost seq: stored unsequenced, so the seq is missing
          }
          Instant at = t0.plusMillis(n++);
          int o = row * 9;
          ps.setString(o + 1, String.format("%08d-%04d-ledger-bench", k, e));
          ps.setString(o + 2, "vehicle.sighted");
          ps.setString(o + 3, String.format("edge-%03d", e));
          ps.setString(o + 4, "43070200001320000101");
          ps.setLong(o + 5, seq);
          ps.setObject(o + 6, at.minusSeconds(1).atOffset(ZoneOffset.UTC));
          ps.setObject(o + 7, at.atOffset(ZoneOffset.UTC));
          ps.setString(o + 8, null);
          ps.setString(o + 9, payload);
          if (++row == ROWS_PER_INSERT) {
            ps.executeUpdate();
            row = 0;
            if (n % ROWS_PER_COMMIT == 0) {
              c.commit();
            }
          }
        }
      }
      if (row != 0) {
        throw new IllegalArgumentException("events must be a multiple of " + ROWS_PER_INSERT);
      }
      c.commit();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static long size(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
