package org.sharpeyes.ingest.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertLocation;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.AlertStore.Sighting;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.AlertCandidate;
import org.sharpeyes.ingest.rule.SubjectType;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.ingest.workflow.Action;
import org.sharpeyes.ingest.workflow.StepRequest;
import org.sharpeyes.ingest.workflow.StepResult;
import org.sharpeyes.ingest.workflow.WorkflowModule;
import org.sharpeyes.schema.testing.MutableClock;

/**
 * The workflow's two hot paths, on H2 (a file, as the server runs it) and PostgreSQL side by side
 * (docs/performance.md, "Workflow and governance"):
 *
 * <ol>
 *   <li>steps: {@code operators} threads, each closing its own alerts (acknowledge, dispatch to a
 *       department, report, resolve) through {@code Transitions.take}; latency of every step, and
 *       steps per second;
 *   <li>the escalation scan with {@code open} open alerts: one scan with none due, then scans until
 *       {@code due} due alerts are all escalated.
 * </ol>
 *
 * <p>Run: {@code java -cp "$CLASSPATH" org.sharpeyes.ingest.bench.WorkflowBench operators=50
 * alerts=40 open=100000 due=1000} (classpath as for TokenCheckBench).
 */
public final class WorkflowBench {

  private static final String READER = "43070200001320000103";
  private static final AlertLocation LIUWAN =
      new AlertLocation(
          READER, "43070200100103", "430702001001", "/430700/430702/430702001/430702001001/");
  private static final Principal SUPERVISOR =
      new Principal("bench.supervisor", Role.SUPERVISOR, "430700", Clearance.FULL, "local");

  private WorkflowBench() {}

  public static void main(String[] args) throws Exception {
    int operators = arg(args, "operators", 50);
    int alertsEach = arg(args, "alerts", 40);
    int open = arg(args, "open", 100_000);
    int due = arg(args, "due", 1000);
    List<String> engines = new ArrayList<>(List.of("h2"));
    if (!Arrays.asList(args).contains("h2only")) {
      engines.add("postgres");
    }
    for (String engine : engines) {
      Path dir = Files.createTempDirectory("workflow-bench");
      try (Db db = Db.of(engine, dir)) {
        System.out.printf("== %s%n", engine);
        steps(db.ds, operators, alertsEach);
      }
      try (Db db = Db.of(engine, dir.resolve("scan"))) {
        scan(db.ds, open, due);
      }
    }
  }

  private static void steps(DataSource ds, int operators, int alertsEach) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    try (Rig rig = new Rig(ds, clock)) {
      List<String> ids = rig.raise(operators * alertsEach, Duration.ZERO);
      ExecutorService pool = Executors.newFixedThreadPool(operators);
      List<Future<long[]>> work = new ArrayList<>();
      long start = System.nanoTime();
      for (int o = 0; o < operators; o++) {
        List<String> mine = ids.subList(o * alertsEach, (o + 1) * alertsEach);
        work.add(pool.submit(() -> close(rig.workflow, mine)));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> f : work) {
        for (long n : f.get()) {
          all.add(n);
        }
      }
      long wall = System.nanoTime() - start;
      pool.shutdown();
      long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf(
          "steps: %d operators, %d steps in %.1f s: %.0f steps/s, p50 %.2f ms, p99 %.2f ms%n",
          operators,
          sorted.length,
          wall / 1e9,
          sorted.length / (wall / 1e9),
          sorted[sorted.length / 2] / 1e6,
          sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
    }
  }

  private static long[] close(WorkflowModule workflow, List<String> ids) throws Exception {
    long[] nanos = new long[ids.size() * 4];
    int i = 0;
    for (String id : ids) {
      for (StepRequest r :
          List.of(
              StepRequest.of(Action.ACKNOWLEDGE, null, null),
              new StepRequest(Action.DISPATCH, null, "department", "wuling-psb", null, null, null),
              StepRequest.of(Action.REPORT, "done", null),
              StepRequest.of(Action.RESOLVE, null, null))) {
        long t = System.nanoTime();
        StepResult result = workflow.transitions().take(SUPERVISOR, "bench", id, r);
        nanos[i++] = System.nanoTime() - t;
        if (!(result instanceof StepResult.Done)) {
          throw new IllegalStateException(r.action() + " on " + id + ": " + result);
        }
      }
    }
    return nanos;
  }

  private static void scan(DataSource ds, int open, int due) throws Exception {
    Instant start = Instant.parse("2026-12-01T02:00:00Z");
    MutableClock clock = new MutableClock(start);
    try (Rig rig = new Rig(ds, clock)) {
      long t0 = System.nanoTime();
      Duration apart = Duration.ofMillis(60);
      rig.raise(open, apart);
      System.out.printf(
          "scan: %d open alerts raised in %.1f s%n", open, (System.nanoTime() - t0) / 1e9);
      // Deadline to acknowledge: 1 min after each alert was raised, 60 ms apart.
      long firstDue = Duration.ofMinutes(1).toMillis();
      moveTo(clock, start.plusMillis(firstDue - 1));
      for (int round = 0; round < 3; round++) {
        long t = System.nanoTime();
        int n = rig.workflow.scanNow();
        System.out.printf(
            "scan with none due: %d escalated in %.2f ms%n", n, (System.nanoTime() - t) / 1e6);
      }
      moveTo(clock, start.plusMillis(firstDue + (due - 1) * apart.toMillis()));
      int escalated = 0;
      int scans = 0;
      long t = System.nanoTime();
      while (escalated < due) {
        escalated += rig.workflow.scanNow();
        scans++;
      }
      long wall = System.nanoTime() - t;
      System.out.printf(
          "scan with %d due: %d scans, %.2f s, %.0f escalations/s%n",
          due, scans, wall / 1e9, escalated / (wall / 1e9));
    }
  }

  private static void moveTo(MutableClock clock, Instant to) {
    clock.advance(Duration.between(clock.instant(), to));
  }

  private static int arg(String[] args, String name, int fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 1));
      }
    }
    return fallback;
  }

  /** One alert module and workflow over a database, with a clock the bench moves. */
  private static final class Rig implements AutoCloseable {
    final AlertModule alerts;
    final WorkflowModule workflow;
    final MutableClock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    Rig(DataSource ds, MutableClock clock) throws Exception {
      this.clock = clock;
      WorkflowConfig config =
          WorkflowConfig.defaults()
              .withDeadlines(Duration.ofMinutes(1), Duration.ofDays(1))
              .withEscalationScan(Duration.ofHours(1));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      this.alerts =
          new AlertModule(
              ds,
              TestLogins.DEMO_CITY,
              clock,
              registry,
              AlertSettings.defaults(),
              timer,
              WorkflowModule.placement(config, clock));
      this.workflow = new WorkflowModule(alerts, ds, config, clock, registry, entry -> {}, timer);
    }

    /** Raises {@code n} alerts in the village 柳湾社区, {@code apart} apart, in batches. */
    List<String> raise(int n, Duration apart) throws Exception {
      List<String> ids = new ArrayList<>(n);
      List<Sighting> batch = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        AlertCandidate c =
            new AlertCandidate(
                "plate-hotlist",
                Severity.MEDIUM,
                SubjectType.PLATE,
                "湘B" + i,
                "湘B" + i,
                null,
                "湘B" + i,
                "bench");
        batch.add(new Sighting(c, LIUWAN, "ev-" + i, clock.instant()));
        if (batch.size() == 1000 || i == n - 1) {
          alerts.store().recordAll(batch).forEach(ch -> ids.add(ch.alert().id()));
          batch.clear();
        }
        clock.advance(apart);
      }
      return ids;
    }

    @Override
    public void close() {
      workflow.close();
      alerts.close();
      timer.shutdownNow();
    }
  }

  /** An H2 file database or a fresh PostgreSQL database, migrated. */
  private record Db(HikariDataSource ds, TestDatabase pg) implements AutoCloseable {
    /** Pooled as the server pools it (HikariCP, 8 connections). */
    static Db of(String engine, Path dir) {
      DataSource raw;
      TestDatabase pg = null;
      if (engine.equals("postgres")) {
        pg = TestDatabase.postgres();
        raw = pg.dataSource();
      } else {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        raw = h2;
      }
      HikariConfig config = new HikariConfig();
      config.setDataSource(raw);
      config.setMaximumPoolSize(8);
      return new Db(new HikariDataSource(config), pg);
    }

    @Override
    public void close() throws Exception {
      ds.close();
      if (pg != null) {
        pg.close();
      }
    }
  }
}
