package org.sharpeyes.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.rule.Sightings;

class AlertStreamTest {

  private ApiServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** A live-feed connection that collects everything it receives. */
  private final class Listener {
    final StringBuffer received = new StringBuffer();
    final HttpClientResponse response;

    Listener(String region) throws Exception {
      this(region, TestTokens.CITY_SUPERVISOR);
    }

    Listener(String region, Principal caller) throws Exception {
      HttpClient client = server.vertx.createHttpClient();
      String uri = "/api/alerts/stream" + (region == null ? "" : "?region=" + region);
      // The data handler is set on the event loop as the response arrives: set later, from this
      // thread, the first chunk (": connected") could already have been delivered to nobody.
      response =
          ApiServer.await(
              client
                  .request(HttpMethod.GET, server.port(), "127.0.0.1", uri)
                  .compose(
                      req ->
                          req.putHeader("Authorization", server.bearer(caller))
                              .send()
                              .map(
                                  r ->
                                      r.handler(
                                          b ->
                                              received.append(
                                                  b.toString(StandardCharsets.UTF_8))))));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> received.toString().contains(": connected"));
    }
  }

  @Test
  void clientReceivesAlertsOfItsRegionOnlyThenUpdatesWhenSightingsFold() throws Exception {
    server = new ApiServer(AlertSettings.defaults());
    Listener wuling = new Listener("430702");
    Listener dingcheng = new Listener("430703");
    assertThat(wuling.response.statusCode()).isEqualTo(200);
    assertThat(wuling.response.getHeader("Content-Type")).startsWith("text/event-stream");

    server.sight("湘J38J91", Sightings.WULING_READER);
    server.sight("湘J20E22", Sightings.DINGCHENG_READER);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> wuling.received.toString().contains("湘J38J91"));
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> dingcheng.received.toString().contains("KP0010"));
    String frame = frameContaining(wuling.received.toString(), "湘J38J91");
    assertThat(frame).startsWith("event: alert\nid: ");
    JsonObject data = new JsonObject(frame.substring(frame.indexOf("data: ") + 6).strip());
    assertThat(data.getString("plate")).isEqualTo("湘J38J91");
    assertThat(frame).contains("id: " + data.getString("id") + "\n");
    assertThat(dingcheng.received.toString()).doesNotContain("湘J38J91");
    assertThat(wuling.received.toString()).doesNotContain("KP0010");

    server.sight("湘J38J91", Sightings.WULING_READER);

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> wuling.received.toString().contains("event: alert-update"));
    String update = frameContaining(wuling.received.toString(), "event: alert-update");
    assertThat(
            new JsonObject(update.substring(update.indexOf("data: ") + 6).strip())
                .getInteger("count"))
        .isEqualTo(2);
  }

  @Test
  void aCountyOperatorsStreamNeverReceivesAnotherCountysAlertsAndMasksNames() throws Exception {
    server = new ApiServer(AlertSettings.defaults());
    Listener city = new Listener(null);
    Listener wulingDesk =
        new Listener(null, TestTokens.masked("wuling-desk", Role.OPERATOR, "430702"));

    for (int round = 0; round < 3; round++) {
      server.sight("湘JJN407", Sightings.WULING_READER); // KP0001 王建军, 武陵区
      server.sight("湘J20E22", Sightings.DINGCHENG_READER); // KP0010, 鼎城区
      server.sight("湘J38J91", Sightings.WULING_READER);
      server.sight("湘J5X452", Sightings.DINGCHENG_READER); // KP0012, 鼎城区
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                frames(city.received.toString()) == 12
                    && frames(wulingDesk.received.toString()) == 6);
    assertThat(city.received.toString()).contains("KP0010", "KP0012", "王建军");
    assertThat(wulingDesk.received.toString())
        .contains("KP0001", "湘J38J91", "王*军")
        .doesNotContain("KP0010", "KP0012", "湘J20E22", "湘J5X452", "王建军");
  }

  @Test
  void aRegionOutsideTheCallersJurisdictionIsRefusedWithTheReason() throws Exception {
    server = new ApiServer(AlertSettings.defaults());

    HttpResponse<String> refused =
        server
            .as(TestTokens.caller("wuling-desk", Role.OPERATOR, "430702"))
            .get("/api/alerts/stream", "region", "430703");

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(refused.body()).getString("detail"))
        .contains("region 430703 is outside the jurisdiction of wuling-desk (430702");
  }

  private static int frames(String received) {
    return received.split("\nid: ", -1).length - 1;
  }

  @Test
  void clientsBeyondTheLimitAreRefusedWith503AndCounted() throws Exception {
    server = new ApiServer(new AlertSettings(1, 10));
    new Listener(null);

    HttpResponse<String> refused = server.get("/api/alerts/stream");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(new JsonObject(refused.body()).getString("detail")).contains("limit of 1 clients");
    assertThat(server.registry.get("sharpeyes.alert.stream.refused").counter().count())
        .isEqualTo(1);
    assertThat(server.registry.get("sharpeyes.alert.stream.clients").gauge().value()).isEqualTo(1);
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndCountedWhileOthersKeepReceiving() throws Exception {
    server = new ApiServer(new AlertSettings(10, 5));
    Listener reading = new Listener(null);
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(1024);
      stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
      stalled
          .getOutputStream()
          .write(
              ("GET /api/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                      + server.bearer(TestTokens.CITY_SUPERVISOR)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.registry.get("sharpeyes.alert.stream.clients").gauge().value() == 2);

      // Every sighting folds into one alert and pushes an update to both clients.
      int sightings = 0;
      while (server.registry.get("sharpeyes.alert.stream.dropped").counter().count() == 0) {
        assertThat(sightings++)
            .as("sightings before the stalled client is dropped")
            .isLessThan(20_000);
        server.sight("湘J38J91", Sightings.WULING_READER);
      }

      assertThat(server.registry.get("sharpeyes.alert.stream.clients").gauge().value())
          .isEqualTo(1);
      server.sight("湘J38J91", Sightings.WULING_READER);
      String expected = "\"count\":" + (sightings + 1) + ",";
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> reading.received.toString().contains(expected));
    }
  }

  @Test
  void unknownRegionOnTheStreamIsA400() throws Exception {
    server = new ApiServer(AlertSettings.defaults());

    HttpResponse<String> response = server.get("/api/alerts/stream", "region", "12345");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("unknown region code 12345");
  }

  private static String frameContaining(String stream, String text) {
    for (String frame : stream.split("\n\n")) {
      if (frame.contains(text)) {
        return frame;
      }
    }
    throw new AssertionError("no frame contains " + text + " in:\n" + stream);
  }
}
