package org.sharpeyes.ingest.outbound;

import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.topic.Topics;

/**
 * A whole server on the demo city, as the command line runs it, for the outbound tests: sightings
 * sent over MQTT as an edge would, and the API called as the test admin or supervisor.
 */
final class OutboundServer implements AutoCloseable {

  /** 武陵区 and one of its plate readers; 鼎城区 and one of its. */
  static final String WULING = "430702";

  static final String DINGCHENG = "430703";

  final IngestServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final boolean brokerSecurity;
  private final java.util.Map<TestLogins.Account, String> bearers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private OutboundServer(IngestServer server, boolean brokerSecurity) {
    this.server = server;
    this.brokerSecurity = brokerSecurity;
  }

  /**
   * A config on {@code dataDir} with webhooks retried after {@code initialDelay}..{@code maxDelay}.
   */
  static IngestServerConfig config(
      Path dataDir, int maxAttempts, Duration initialDelay, Duration maxDelay) {
    IngestServerConfig base = TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir));
    return base.withWorkflow(
        base.workflow()
            .withWebhooks(
                new WorkflowConfig.Webhooks(
                    maxAttempts, initialDelay, maxDelay, Duration.ofSeconds(2), 1000)));
  }

  static OutboundServer start(IngestServerConfig config) {
    IngestServer s = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    await().until(s::brokerConnected);
    return new OutboundServer(s, config.embeddedBroker().security());
  }

  /** A plate read by {@code deviceId}, sent over MQTT by its edge; returns the alert raised. */
  String sight(String plate, String deviceId) throws Exception {
    EdgeEvent event = Sightings.vehicle(plate, deviceId, Instant.now());
    MqttClient edge =
        new MqttClient(server.brokerUrl(), "test-" + event.edgeId(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    if (brokerSecurity) {
      options = TestEdgeAccounts.loginAs(server, event.edgeId());
    }
    edge.connect(options);
    edge.publish(
        Topics.events(event.edgeId(), EventType.VEHICLE_SIGHTED),
        new EventCodec().encode(event),
        1,
        false);
    edge.disconnect();
    edge.close();
    AtomicReference<String> id = new AtomicReference<>();
    await()
        .until(
            () -> {
              JsonArray alerts =
                  new JsonObject(call("GET", "/api/alerts", null, TestLogins.SUPERVISOR).body())
                      .getJsonArray("alerts");
              for (int i = 0; i < alerts.size(); i++) {
                JsonObject a = alerts.getJsonObject(i);
                if (plate.equals(a.getString("plate"))) {
                  id.set(a.getString("id"));
                  return true;
                }
              }
              return false;
            });
    return id.get();
  }

  /** The supervisor takes {@code action} on the alert, whatever its revision. */
  HttpResponse<String> step(String alertId, String action, String note) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/alerts/" + alertId + "/transitions"))
            .header("Authorization", bearer(TestLogins.SUPERVISOR))
            .header("If-Match", "*")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("action", action).put("note", note).encode()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Calls the API as {@code who}; {@code body} is sent as JSON when not null. */
  HttpResponse<String> call(String method, String path, JsonObject body, TestLogins.Account who)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", bearer(who));
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The admin subscribes {@code url} to the alerts of {@code region}; returns the subscription. */
  JsonObject subscribe(String url, String region, String secret, String... kinds) throws Exception {
    HttpResponse<String> r =
        call(
            "POST",
            "/api/webhooks",
            new JsonObject()
                .put("url", url)
                .put("jurisdiction", region)
                .put("kinds", new JsonArray(java.util.List.of(kinds)))
                .put("secret", secret),
            TestLogins.ADMIN);
    if (r.statusCode() != 201) {
      throw new AssertionError("subscribing answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  /** The subscription's deliveries as the admin lists them, newest first. */
  JsonArray deliveries(String subscriptionId) throws Exception {
    return new JsonObject(
            call("GET", "/api/webhooks/" + subscriptionId + "/deliveries", null, TestLogins.ADMIN)
                .body())
        .getJsonArray("deliveries");
  }

  double counter(String name) {
    var c = server.registry().find(name).counters();
    return c.stream().mapToDouble(x -> x.count()).sum();
  }

  private String bearer(TestLogins.Account who) {
    return bearers.computeIfAbsent(who, a -> TestLogins.bearer(server.httpPort(), a));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + path);
  }

  @Override
  public void close() {
    server.close();
  }
}
