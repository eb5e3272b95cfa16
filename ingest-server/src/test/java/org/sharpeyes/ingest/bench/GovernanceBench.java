package org.sharpeyes.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.governance.GovernanceIndex;
import org.sharpeyes.ingest.governance.GovernanceLevel;
import org.sharpeyes.ingest.governance.Report;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.workflow.WorkflowStore;

/**
 * The monthly governance report over 1 000 000 alerts, and the escalation scan's query with 100 000
 * open alerts (issue 12; figures in docs/performance.md, "Workflow and governance"). An H2 file
 * database in a temporary folder, migrated as the server migrates it, filled by batched inserts:
 * {@code N} alerts raised in November 2026 (Asia/Shanghai) over 8 counties × 8 townships × 8
 * villages × 4 grid cells, then 100 000 open alerts in December of which 500 are past their
 * deadline.
 *
 * <p>Run: {@code ./mvnw -o -q -pl ingest-server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.sharpeyes.ingest.bench.GovernanceBench} or from the IDE; argument: the
 * number of alerts (default 1 000 000).
 */
public final class GovernanceBench {

  static final YearMonth MONTH = YearMonth.of(2026, 11);
  static final int BATCH = 5_000;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String settings = args.length > 1 ? args[1] : "";
    Path dir = Files.createTempDirectory("governance-bench");
    TestDatabase pg = settings.equals("postgres") ? TestDatabase.postgres() : null;
    DataSource ds;
    if (pg != null) {
      ds = pg.dataSource();
      ((org.postgresql.ds.PGSimpleDataSource) ds).setReWriteBatchedInserts(true);
      System.out.println("database: a throwaway PostgreSQL database on 127.0.0.1:5432");
    } else {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_DELAY=-1" + settings);
      System.out.println("database " + h2.getURL());
      Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
      ds = h2;
    }
    long t0 = System.nanoTime();
    insertMonth(ds, n);
    System.out.printf("inserted %,d alerts in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

    // After the month settled: the first report scans and keeps it, the next ones read it back.
    Clock settled = Clock.fixed(Instant.parse("2026-12-20T00:00:00Z"), ZoneOffset.UTC);
    GovernanceIndex index =
        new GovernanceIndex(ds, WorkflowConfig.defaults(), DemoCity.data(), settled);
    for (GovernanceLevel level : new GovernanceLevel[] {GovernanceLevel.GRID}) {
      double cold = time(() -> index.report(level, MONTH, c -> true, true));
      System.out.printf("report %s %s cold (scan + keep): %.0f ms%n", level.label(), MONTH, cold);
    }
    for (int round = 0; round < 3; round++) {
      double rescan = time(() -> index.recompute(MONTH));
      System.out.printf("scan again (JIT round %d): %.0f ms%n", round + 1, rescan);
    }
    for (GovernanceLevel level : GovernanceLevel.RANKED) {
      double[] warm = new double[21];
      for (int i = 0; i < warm.length; i++) {
        warm[i] = time(() -> index.report(level, MONTH, c -> true, true));
      }
      Arrays.sort(warm);
      Report r = index.report(level, MONTH, c -> true, true);
      System.out.printf(
          "report %s warm (kept figures): median %.1f ms, max %.1f ms, %d units, city %d alerts%n",
          level.label(), warm[10], warm[20], r.units().size(), r.total().figures().received());
    }
    escalationScan(ds);
    if (pg != null) {
      pg.close();
    } else {
      try (Connection c = ds.getConnection()) {
        c.createStatement().execute("SHUTDOWN");
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  interface Work {
    Object run() throws Exception;
  }

  static double time(Work w) throws Exception {
    long t = System.nanoTime();
    w.run();
    return (System.nanoTime() - t) / 1e6;
  }

  static void insertMonth(DataSource ds, int n) throws SQLException {
    SplittableRandom rnd = new SplittableRandom(12);
    long from = MONTH.atDay(1).atStartOfDay(GovernanceIndex.ZONE).toEpochSecond();
    long until = MONTH.plusMonths(1).atDay(1).atStartOfDay(GovernanceIndex.ZONE).toEpochSecond();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(Rows.INSERT)) {
        for (int i = 0; i < n; i++) {
          long created = from + rnd.nextLong(until - from);
          Rows.bind(ps, "m" + i, place(rnd), created, rnd);
          ps.addBatch();
          if ((i + 1) % BATCH == 0) {
            ps.executeBatch();
            c.commit();
          }
        }
        ps.executeBatch();
        c.commit();
      }
    }
  }

  static String place(SplittableRandom rnd) {
    return String.format(
        "43%02d%03d%03d%02d",
        rnd.nextInt(8) + 1, rnd.nextInt(8) + 1, rnd.nextInt(8) + 1, rnd.nextInt(4) + 1);
  }

  /** 100 000 open alerts with a deadline, none and then 500 of them due. */
  static void escalationScan(DataSource ds) throws Exception {
    Instant now = Instant.parse("2026-12-10T00:00:00Z");
    SplittableRandom rnd = new SplittableRandom(7);
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(Rows.INSERT_OPEN)) {
      c.setAutoCommit(false);
      for (int i = 0; i < 100_000; i++) {
        long created = now.getEpochSecond() - rnd.nextInt(3600);
        Rows.bindOpen(
            ps, "o" + i, place(rnd), created, now.getEpochSecond() + 60 + rnd.nextInt(86_400));
        ps.addBatch();
        if ((i + 1) % BATCH == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      c.commit();
    }
    WorkflowStore store = new WorkflowStore(ds);
    report("due(now, 500), none due", store, now);
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE alerts SET next_deadline = ? WHERE id = ?")) {
      for (int i = 0; i < 500; i++) {
        ps.setObject(1, OffsetDateTime.ofInstant(now.minusSeconds(i + 1), ZoneOffset.UTC));
        ps.setString(2, "o" + (i * 199));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    report("due(now, 500), 500 due", store, now);
  }

  static void report(String what, WorkflowStore store, Instant now) throws Exception {
    double[] t = new double[21];
    int found = 0;
    for (int i = 0; i < t.length; i++) {
      long s = System.nanoTime();
      found = store.due(now, 500).size();
      t[i] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(t);
    System.out.printf(
        "escalation scan %s with 100 000 open: %d found, median %.1f ms, max %.1f ms%n",
        what, found, t[10], t[20]);
  }

  /** The alert rows the bench inserts. */
  static final class Rows {
    static final String COLUMNS =
        "id, rule, severity, subject_type, subject_key, subject_label, state, device_id, grid_code,"
            + " village_code, township_code, county_code, region_path, reason, count, first_seen,"
            + " last_seen, created_at, updated_at, first_event_id, last_event_id, version,"
            + " desk_code, desk_level, start_level, top_level, overdue, escalations,"
            + " acknowledged_at, closed_at, next_deadline";
    static final String INSERT =
        "INSERT INTO alerts (" + COLUMNS + ") VALUES (" + "?, ".repeat(30) + "?)";
    static final String INSERT_OPEN = INSERT;

    static void bind(
        PreparedStatement ps, String id, String grid, long created, SplittableRandom rnd)
        throws SQLException {
      int roll = rnd.nextInt(100);
      boolean escalated = rnd.nextInt(10) == 0;
      Long acked = roll < 85 ? created + (long) (-Math.log(1 - rnd.nextDouble()) * 300) : null;
      String state;
      Long closed = null;
      if (roll < 70) {
        state = "resolved";
        closed = acked + (long) (-Math.log(1 - rnd.nextDouble()) * 7200);
      } else if (roll < 80) {
        state = "false-positive";
        closed = acked + 60;
      } else {
        state = roll < 85 ? "dispatched" : "new";
      }
      common(ps, id, grid, created, state, escalated, acked, closed, null);
    }

    static void bindOpen(PreparedStatement ps, String id, String grid, long created, long deadline)
        throws SQLException {
      common(ps, id, grid, created, "new", false, null, null, deadline);
    }

    private static void common(
        PreparedStatement ps,
        String id,
        String grid,
        long created,
        String state,
        boolean escalated,
        Long acked,
        Long closed,
        Long deadline)
        throws SQLException {
      String village = grid.substring(0, 12);
      String township = grid.substring(0, 9);
      String county = grid.substring(0, 6);
      int i = 0;
      ps.setString(++i, id);
      ps.setString(++i, "plate-hotlist");
      ps.setString(++i, "medium");
      ps.setString(++i, "plate");
      ps.setString(++i, id);
      ps.setString(++i, id);
      ps.setString(++i, state);
      ps.setString(++i, "43070200001320000001");
      ps.setString(++i, grid);
      ps.setString(++i, village);
      ps.setString(++i, township);
      ps.setString(++i, county);
      ps.setString(++i, "/4300/" + county + "/" + township + "/" + village + "/");
      ps.setString(++i, "bench");
      ps.setInt(++i, 1);
      OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC);
      ps.setObject(++i, at);
      ps.setObject(++i, at);
      ps.setObject(++i, at);
      ps.setObject(++i, at);
      ps.setString(++i, id);
      ps.setString(++i, id);
      ps.setInt(++i, 1);
      ps.setString(++i, escalated ? township : village);
      ps.setString(++i, escalated ? "township" : "village");
      ps.setString(++i, "village");
      ps.setString(++i, escalated ? "township" : "village");
      ps.setBoolean(++i, escalated);
      ps.setInt(++i, escalated ? 1 : 0);
      setTime(ps, ++i, acked);
      setTime(ps, ++i, closed);
      setTime(ps, ++i, deadline);
    }

    private static void setTime(PreparedStatement ps, int i, Long epochSecond) throws SQLException {
      if (epochSecond == null) {
        ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(
            i, OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
      }
    }
  }
}
