package org.sharpeyes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.testing.TestEdgeAccounts;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.ingest.testing.TestLogins;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.topic.Topics;

/** The server as the command line runs it: with the alert module on the demo city's data. */
class StandardExtensionsTest {

  private static final Path DEMO_CITY = Path.of("../config/demo-city");

  @TempDir Path dataDir;
  private IngestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void hotlistedPlateSightedOverMqttRaisesAnAlertOnTheApi() throws Exception {
    IngestServerConfig config = TestLogins.withTestUsers(IngestServerConfig.ephemeral(dataDir));
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    await().until(server::brokerConnected);

    MqttClient edge = new MqttClient(server.brokerUrl(), "edge-alert", new MemoryPersistence());
    edge.connect(TestEdgeAccounts.loginAs(server, TestEvents.EDGE));
    edge.publish(
        Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
        new EventCodec()
            .encode(TestEvents.vehicleSighted(EventIds.system().next(), "湘J3B924", Instant.now())),
        1,
        false);
    edge.disconnect();
    edge.close();

    HttpClient http = HttpClient.newHttpClient();
    URI alerts = URI.create("http://127.0.0.1:" + server.httpPort() + "/api/alerts");
    String bearer = TestLogins.bearer(server.httpPort(), TestLogins.SUPERVISOR);
    await()
        .until(
            () ->
                new JsonObject(
                            http.send(
                                    HttpRequest.newBuilder(alerts)
                                        .header("Authorization", bearer)
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString())
                                .body())
                        .getInteger("count")
                    == 1);
    JsonObject alert =
        new JsonObject(
                http.send(
                        HttpRequest.newBuilder(alerts).header("Authorization", bearer).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .getJsonArray("alerts")
            .getJsonObject(0);
    assertThat(alert.getString("rule")).isEqualTo("plate-hotlist");
    assertThat(alert.getJsonObject("subject").getString("key")).isEqualTo("湘J3B924");
  }

  @Test
  void badReferenceDataStopsTheStartAndNamesTheAlertModule() {
    IngestServerConfig config =
        IngestServerConfig.ephemeral(dataDir).withReferenceData(dataDir.resolve("no-such-dir"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all()))
        .isInstanceOf(IngestStartException.class)
        .hasMessageStartingWith("cannot start the alert module: ");
  }

  @Test
  void everyRouteServedIsInTheOpenApiDocumentAndNothingElse() throws Exception {
    IngestServerConfig config = IngestServerConfig.ephemeral(dataDir).withReferenceData(DEMO_CITY);
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> doc =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/openapi.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(doc.statusCode()).isEqualTo(200);
    java.util.Set<String> documented = new java.util.TreeSet<>();
    new io.vertx.core.json.JsonObject(doc.body())
        .getJsonObject("paths")
        .fieldNames()
        .forEach(documented::add);
    java.util.Set<String> served = new java.util.TreeSet<>();
    // a static route "/x/*" is reported as "/x/"; every one under /dashboard/ (the pages, and
    // webjars under /dashboard/webjars/) serves the dashboard's files, one entry in the
    // document
    for (String path : server.routePaths()) {
      served.add(
          path.replaceAll(":([A-Za-z][A-Za-z0-9]*)", "{$1}")
              .replaceAll("^/dashboard/.*$", "/dashboard/{file}"));
    }

    assertThat(documented).isEqualTo(served);
  }
}
