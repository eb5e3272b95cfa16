package org.sharpeyes.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.config.Credentials;
import org.sharpeyes.ingest.config.StoreConfig;
import org.sharpeyes.ingest.pipeline.StoredEventListener.Stored;
import org.sharpeyes.ingest.pipeline.TransactionalListener;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * The ingest path's database stages for the demo city's {@code vehicle.sighted} events, on the
 * server's own H2 file database (its JDBC URL, pool and migrations) holding {@value #STORED} events
 * already (docs/performance.md, "Ingest stages (issue 14)"). Batch benchmarks report the time per
 * event ({@link OperationsPerInvocation}).
 *
 * <ul>
 *   <li>{@code dedup*}: the duplicate pre-check {@link BatchWriter} runs before inserting, {@code
 *       SELECT id FROM events WHERE id IN (…)} with new ids (the usual case), as {@code EventStore}
 *       builds it;
 *   <li>{@code insert*}: {@link BatchWriter#write} of a batch of new events, as the ingest worker
 *       calls it: pre-check, one JDBC batch, commit;
 *   <li>{@code rules*}: the alert module's correlation listener on one stored event, inside a
 *       transaction: every rule, and for a hotlisted plate the placing (device → grid cell and
 *       regions) and the alert written (folded into the open one after the first sighting).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class IngestStoreStagesBench {

  static final int STORED = 200_000;

  private Path dir;
  private Database database;
  private BatchWriter writer;
  private StageEvents mix;
  private List<EventRow> templates;
  private Connection connection;
  private ScheduledExecutorService timer;
  private AlertModule alerts;
  private TransactionalListener correlation;
  private List<Stored> ordinary;
  private List<Stored> hotlisted;
  private int next;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("ingest-stages");
    database =
        Database.open(
            new StoreConfig(
                StoreConfig.h2FileUrl(dir), Credentials.NONE, StoreConfig.DEFAULT_POOL_SIZE),
            null);
    writer =
        new BatchWriter(
            database.dataSource(),
            new EventStore(database.dataSource()),
            new DeadLetterStore(database.dataSource()));
    Instant now = Instant.now();
    mix = new StageEvents(DemoCity.data(), new EventCodec(), now, 14);
    templates = new ArrayList<>();
    for (int i = 0; i < StageEvents.MIX; i++) {
      templates.add(EventRow.of(mix.event(i), mix.payload(i), now));
    }
    for (int stored = 0; stored < STORED; stored += 500) {
      writer.write(new BatchWriter.Batch(fresh(500), List.of()));
    }
    connection = database.dataSource().getConnection();
    connection.setAutoCommit(false);
    timer = Executors.newSingleThreadScheduledExecutor();
    alerts =
        new AlertModule(
            database.dataSource(),
            DemoCity.DIR,
            Clock.systemUTC(),
            new SimpleMeterRegistry(),
            AlertSettings.defaults(),
            timer);
    correlation = alerts.listener();
    ordinary = new ArrayList<>();
    hotlisted = new ArrayList<>();
    List<EdgeEvent> events = mix.events();
    for (int i = 0; i < events.size(); i++) {
      (i % 10 == 0 ? hotlisted : ordinary).add(new Stored(events.get(i), now));
    }
    System.out.printf(
        "%n%d events stored in %s%n", new EventStore(database.dataSource()).count(), dir);
  }

  @TearDown
  public void tearDown() throws Exception {
    connection.rollback();
    connection.close();
    alerts.close();
    timer.shutdownNow();
    database.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      System.err.println("left behind: " + dir + " (" + e + ")");
    }
  }

  @Benchmark
  @OperationsPerInvocation(20)
  public Set<String> dedup20() throws SQLException {
    return existing(newIds(20));
  }

  @Benchmark
  @OperationsPerInvocation(500)
  public Set<String> dedup500() throws SQLException {
    return existing(newIds(500));
  }

  @Benchmark
  @OperationsPerInvocation(20)
  public BatchWriter.Batch insert20() throws SQLException {
    return insert(20);
  }

  @Benchmark
  @OperationsPerInvocation(500)
  public BatchWriter.Batch insert500() throws SQLException {
    return insert(500);
  }

  /** Every rule on an event whose plate is not listed (nine in ten): nothing to write. */
  @Benchmark
  public Runnable rulesOrdinary() throws SQLException {
    next = next + 1 >= ordinary.size() ? 0 : next + 1;
    return correlation.inTransaction(connection, List.of(ordinary.get(next)));
  }

  /** Every rule on a hotlisted plate: placed, and its alert raised or folded, then committed. */
  @Benchmark
  public Runnable rulesHotlisted() throws SQLException {
    next = next + 1 >= hotlisted.size() ? 0 : next + 1;
    Runnable after = correlation.inTransaction(connection, List.of(hotlisted.get(next)));
    connection.commit();
    return after;
  }

  private BatchWriter.Batch insert(int n) throws SQLException {
    BatchWriter.Batch batch = new BatchWriter.Batch(fresh(n), List.of());
    writer.write(batch);
    if (batch.outcome(n - 1) != BatchWriter.Outcome.INSERTED) {
      throw new IllegalStateException("not inserted: " + batch.outcome(n - 1));
    }
    return batch;
  }

  /** {@code n} rows of the mix with new ids. */
  private List<EventRow> fresh(int n) {
    List<EventRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      EventRow t = templates.get((next = next + 1 >= templates.size() ? 0 : next + 1));
      rows.add(
          new EventRow(
              mix.nextId(),
              t.kind(),
              t.edgeId(),
              t.deviceId(),
              t.seq(),
              t.eventTime(),
              t.receivedAt(),
              t.plate(),
              t.payload()));
    }
    return rows;
  }

  private List<String> newIds(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(mix.nextId());
    }
    return ids;
  }

  /** The pre-check exactly as {@code EventStore.existing} runs it (one query up to 500 ids). */
  private Set<String> existing(List<String> ids) throws SQLException {
    Set<String> found = new HashSet<>();
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT id FROM events WHERE id IN (" + marks + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        ps.setString(i + 1, ids.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1));
        }
      }
    }
    connection.commit();
    return found;
  }
}
