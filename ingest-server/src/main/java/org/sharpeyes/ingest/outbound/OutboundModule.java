package org.sharpeyes.ingest.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertFeed;
import org.sharpeyes.ingest.api.AlertJson;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.mqtt.MqttConnections;
import org.sharpeyes.runtime.Backoff;

/**
 * Tells downstream platforms about alert changes: on the MQTT alert topics ({@code
 * workflow.mqttAlerts}, docs/mqtt.md "Alert topics") and by signed webhooks from a durable queue
 * (docs/api.md "Webhooks"). Subscribes to the alert feed on construction; {@link #close()} ends it.
 */
public final class OutboundModule implements AutoCloseable {

  /** Alert changes waiting for the MQTT publisher, and for the webhook fan-out. */
  static final int HANDOFF_CAPACITY = 10_000;

  private final MqttAlertPublisher mqtt;
  private final WebhookDeliverer deliverer;
  private final WebhookRoutes routes;
  private final AlertFeed.Subscription subscription;

  /**
   * The threads, which their owner shuts down after {@link #close()}.
   *
   * @param mqttThread drains the MQTT hand-off (runs as long as the module)
   * @param fanoutThread writes the webhook deliveries
   * @param deliveryThread polls and records the webhook deliveries
   * @param httpThreads the HTTP client's
   */
  public record Threads(
      ExecutorService mqttThread,
      ExecutorService fanoutThread,
      ScheduledExecutorService deliveryThread,
      ExecutorService httpThreads) {}

  /**
   * @param brokerUrl the broker the server uses (for the embedded one, its actual address)
   * @param audit where admins' changes of subscriptions are recorded (blocking: from the dispatch)
   */
  public OutboundModule(
      AlertFeed feed,
      ReferenceData reference,
      DataSource dataSource,
      IngestServerConfig server,
      URI brokerUrl,
      Clock clock,
      MeterRegistry registry,
      BlockingDispatch dispatch,
      AuditTrail audit,
      Threads threads) {
    WorkflowConfig.Webhooks hooks = server.workflow().webhooks();
    AlertEvents events = new AlertEvents(new AlertJson(reference, clock), dataSource);
    if (server.workflow().mqttAlerts()) {
      MqttConnections connections =
          MqttConnections.of(
              server.broker().withUrl(brokerUrl),
              server.brokerCredentials(),
              MqttConnections.Use.cleanSession()
                  .withClientIdSuffix(MqttAlertPublisher.CLIENT_ID_SUFFIX));
      this.mqtt =
          new MqttAlertPublisher(
              connections,
              connections.backoff(new SplittableRandom(), clock),
              events,
              threads.mqttThread(),
              HANDOFF_CAPACITY,
              registry);
    } else {
      this.mqtt = null;
    }
    WebhookStore store = new WebhookStore(dataSource);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(hooks.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(threads.httpThreads())
            .build();
    this.deliverer =
        new WebhookDeliverer(
            store,
            hooks,
            new Backoff(
                new Backoff.Bounds(hooks.initialDelay(), hooks.maxDelay()),
                new SplittableRandom(),
                clock),
            http,
            threads.deliveryThread(),
            clock,
            registry);
    WebhookFanout fanout =
        new WebhookFanout(
            store,
            events,
            threads.fanoutThread(),
            HANDOFF_CAPACITY,
            hooks.maxPending(),
            code -> reference.regions().byCode(code).map(r -> r.parent() == null).orElse(false),
            clock,
            registry,
            deliverer::wake);
    this.routes = new WebhookRoutes(store, reference.regions(), dispatch, clock, audit);
    MqttAlertPublisher m = mqtt;
    this.subscription =
        feed.subscribe(
            change -> {
              if (m != null) {
                m.offer(change);
              }
              fanout.offer(change);
            });
    if (mqtt != null) {
      mqtt.start();
    }
    deliverer.start();
  }

  public void mount(Router router) {
    routes.mount(router);
  }

  /**
   * Whether the MQTT alert publisher is connected (false when {@code workflow.mqttAlerts} is off).
   */
  public boolean mqttConnected() {
    return mqtt != null && mqtt.connected();
  }

  @Override
  public void close() {
    subscription.close();
    deliverer.close();
    if (mqtt != null) {
      mqtt.close();
    }
  }
}
