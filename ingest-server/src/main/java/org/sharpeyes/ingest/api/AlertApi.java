package org.sharpeyes.ingest.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.AlertStore;
import org.sharpeyes.ingest.reference.ReferenceData;

/**
 * The HTTP side of alerts: {@code /api/alerts}, {@code /api/alerts/{id}}, {@code
 * /api/alerts/stream} and {@code /api/events}. Routes are documented in docs/api.md.
 */
public final class AlertApi implements AutoCloseable {

  /** Idle live-feed connections get a comment line this often. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /** Worker threads for the API's database queries. */
  static final int QUERY_THREADS = 4;

  /** Queries queued or running at once; more are answered 503. */
  static final int MAX_PENDING_QUERIES = 64;

  private final BlockingQueries queries;
  private final AlertRoutes alerts;
  private final EventRoutes events;
  private final AlertStream stream;

  public AlertApi(
      Vertx vertx,
      ReferenceData reference,
      AlertStore store,
      DataSource dataSource,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings) {
    this(vertx, reference, store, dataSource, clock, registry, settings, HEARTBEAT);
  }

  AlertApi(
      Vertx vertx,
      ReferenceData reference,
      AlertStore store,
      DataSource dataSource,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings,
      Duration heartbeat) {
    AlertJson json = new AlertJson(reference, clock);
    this.queries = new BlockingQueries(vertx, QUERY_THREADS, MAX_PENDING_QUERIES, registry);
    this.alerts = new AlertRoutes(store, reference.regions(), json, queries);
    this.events = new EventRoutes(new EventSearch(dataSource), queries);
    this.stream = new AlertStream(vertx, reference.regions(), json, settings, registry, heartbeat);
  }

  /** Adds the routes; the stream route goes first so that {@code stream} is not taken as an id. */
  public void mount(Router router) {
    stream.mount(router);
    alerts.mount(router);
    events.mount(router);
  }

  /** Pushes a committed change to live-feed clients. Any thread; returns at once. */
  public void publish(AlertChange change) {
    stream.publish(change);
  }

  @Override
  public void close() {
    stream.close();
    queries.close();
  }
}
