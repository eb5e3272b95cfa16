package org.sharpeyes.ingest.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertFeed;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;

/**
 * The HTTP side of alerts: {@code /api/alerts}, {@code /api/alerts/{id}}, {@code
 * /api/alerts/stream} and {@code /api/events}, over an {@link AlertModule}. Queries run through the
 * server's {@link BlockingDispatch}; errors are problem replies. Routes are documented in
 * docs/api.md.
 */
public final class AlertApi implements AutoCloseable {

  /** Idle live-feed connections get a comment line this often. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final AlertRoutes alerts;
  private final EventRoutes events;
  private final AlertStream stream;
  private final AlertFeed.Subscription feedSubscription;

  /**
   * Subscribes the live feed to the module's alerts; {@link #close} unsubscribes it.
   *
   * @param dataSource the store's events table, for {@code /api/events}
   * @param audit where reads of a key person's card are recorded
   */
  public AlertApi(
      Vertx vertx,
      AlertModule alerts,
      DataSource dataSource,
      Clock clock,
      MeterRegistry registry,
      AlertSettings settings,
      BlockingDispatch dispatch,
      AuditTrail audit) {
    AlertJson json = new AlertJson(alerts.reference(), clock);
    Whereabouts places = Whereabouts.of(alerts.reference());
    this.alerts =
        new AlertRoutes(alerts.store(), places, json, dispatch, new PersonalReads(audit, clock));
    this.events = new EventRoutes(new EventSearch(dataSource), places, dispatch);
    this.stream = new AlertStream(vertx, places, json, settings, registry, HEARTBEAT);
    this.feedSubscription = alerts.feed().subscribe(this::publish);
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

  /** Stops listening to the alert feed and ends every live-feed stream. */
  @Override
  public void close() {
    feedSubscription.close();
    stream.close();
  }
}
