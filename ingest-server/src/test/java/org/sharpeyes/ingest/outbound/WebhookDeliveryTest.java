package org.sharpeyes.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.testing.TestLogins;

/** An integrator's endpoint subscribed to a county's alerts by the admin. */
class WebhookDeliveryTest {

  private static final String SECRET = "a-long-shared-secret-0123";
  private static final Duration SHORT = Duration.ofMillis(50);

  @TempDir Path dataDir;
  private OutboundServer server;
  private WebhookReceiver receiver;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheAlertSignedOnTheThirdAttempt() throws Exception {
    receiver = WebhookReceiver.failingFirst(2);
    server = OutboundServer.start(OutboundServer.config(dataDir, 5, SHORT, SHORT.multipliedBy(4)));
    JsonObject hook =
        server.subscribe(receiver.url(), OutboundServer.WULING, SECRET, "created", "closed");
    assertThat(hook.getString("secret")).isEqualTo("********0123");

    String alert = server.sight("湘J3B924", Sightings.WULING_READER);

    await().until(() -> receiver.requests().size() == 3);
    WebhookReceiver.Request third = receiver.requests().get(2);
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::answered)
        .containsExactly(500, 500, 200);
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::delivery)
        .containsOnly(third.delivery());
    assertThat(third.event()).isEqualTo("created");
    assertThat(verify(SECRET, third))
        .as("signature as docs/api.md tells a receiver to check it")
        .isTrue();
    assertThat(verify("another-secret-of-16+", third)).isFalse();
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(third.timestamp())))
        .isLessThan(300);
    JsonObject event = new JsonObject(new String(third.body(), StandardCharsets.UTF_8));
    assertThat(event.getString("type")).isEqualTo("sharpeyes.alert.created");
    assertThat(event.getString("id")).isEqualTo(third.delivery());
    assertThat(event.getString("subject")).isEqualTo(alert);
    assertThat(event.getJsonObject("data").getString("state")).isEqualTo("new");

    await()
        .until(
            () ->
                "delivered"
                    .equals(
                        server
                            .deliveries(hook.getString("id"))
                            .getJsonObject(0)
                            .getString("state")));
    JsonObject delivery = server.deliveries(hook.getString("id")).getJsonObject(0);
    assertThat(delivery.getInteger("attempts")).isEqualTo(3);
    assertThat(delivery.getString("alertId")).isEqualTo(alert);
    // with the broker's security on, the server's own account published the alert topics too
    await().until(() -> server.counter("sharpeyes.outbound.mqtt.published") >= 1);
  }

  @Test
  void aDeliveryNobodyAcceptsIsDeadAfterMaxAttemptsWithItsReason() throws Exception {
    receiver = new WebhookReceiver(() -> 503);
    server = OutboundServer.start(OutboundServer.config(dataDir, 3, SHORT, SHORT.multipliedBy(2)));
    String hook = server.subscribe(receiver.url(), "430700", SECRET, "created").getString("id");

    server.sight("湘J3B924", Sightings.WULING_READER);

    await()
        .until(
            () ->
                server.deliveries(hook).size() == 1
                    && "dead".equals(server.deliveries(hook).getJsonObject(0).getString("state")));
    JsonObject dead = server.deliveries(hook).getJsonObject(0);
    assertThat(dead.getInteger("attempts")).isEqualTo(3);
    assertThat(dead.getString("lastError")).isEqualTo("HTTP 503");
    assertThat(receiver.requests()).hasSize(3);
    assertThat(server.counter("sharpeyes.outbound.webhook.dead")).isEqualTo(1.0);
    assertThat(server.counter("sharpeyes.outbound.webhook.failed")).isEqualTo(2.0);
  }

  @Test
  void aDeliveryPendingWhenTheServerStopsIsDeliveredAfterItsRestart() throws Exception {
    receiver = new WebhookReceiver(() -> 500);
    IngestServerConfig config = OutboundServer.config(dataDir, 1000, SHORT, SHORT.multipliedBy(2));
    server = OutboundServer.start(config);
    String hook =
        server.subscribe(receiver.url(), OutboundServer.WULING, SECRET, "created").getString("id");
    server.sight("湘J3B924", Sightings.WULING_READER);
    await().until(() -> receiver.requests().size() >= 2);
    server.close();
    server = null;
    String delivery = receiver.requests().get(0).delivery();

    receiver.answer(() -> 200);
    server = OutboundServer.start(config);

    await().until(() -> receiver.requests().stream().anyMatch(r -> r.answered() == 200));
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::delivery)
        .containsOnly(delivery);
    await()
        .until(
            () -> "delivered".equals(server.deliveries(hook).getJsonObject(0).getString("state")));
  }

  @Test
  void onlyAnAdminManagesWebhooksAndEveryWrongFieldIsNamed() throws Exception {
    server = OutboundServer.start(OutboundServer.config(dataDir, 3, SHORT, SHORT));
    var wrong =
        server.call(
            "POST",
            "/api/webhooks",
            new JsonObject()
                .put("url", "ftp://example.org/hook")
                .put("jurisdiction", "999999")
                .put("kinds", new JsonArray().add("created").add("deleted"))
                .put("secret", "short"),
            TestLogins.ADMIN);
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(
            new JsonObject(wrong.body())
                .getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("path")))
        .containsExactlyInAnyOrder("body.url", "body.jurisdiction", "body.kinds", "body.secret");
    var missing =
        server.call(
            "POST", "/api/webhooks", new JsonObject().put("url", "http://x"), TestLogins.ADMIN);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("body.jurisdiction", "body.kinds", "body.secret");

    String id =
        server
            .subscribe("https://integrator.example/hook", OutboundServer.WULING, SECRET, "closed")
            .getString("id");
    var list = server.call("GET", "/api/webhooks", null, TestLogins.ADMIN);
    assertThat(list.body()).contains(id, "********0123").doesNotContain(SECRET);
    assertThat(server.call("GET", "/api/webhooks", null, TestLogins.SUPERVISOR).statusCode())
        .isEqualTo(403);
    assertThat(server.call("DELETE", "/api/webhooks/" + id, null, TestLogins.ADMIN).statusCode())
        .isEqualTo(204);
    assertThat(server.call("DELETE", "/api/webhooks/" + id, null, TestLogins.ADMIN).statusCode())
        .isEqualTo(404);
  }

  @Test
  void ofTwoServersThatReadOneDueDeliveryOnlyOneClaimsIt() throws Exception {
    server = OutboundServer.start(OutboundServer.config(dataDir, 3, SHORT, SHORT));
    // two stores on one database stand for two servers; the subscription is disabled so that the
    // running server's own deliverer leaves the row alone
    WebhookStore one = new WebhookStore(server.server.dataSource());
    WebhookStore two = new WebhookStore(server.server.dataSource());
    Instant now = Instant.now();
    one.add(
        new WebhookSubscription(
            "s1",
            "http://127.0.0.1:9/hook",
            "430700",
            List.of("created"),
            SECRET,
            "t",
            now,
            false));
    one.enqueue("d1", "s1", "created", "a1", "{}", now);

    assertThat(one.claim("d1", 0, now.plusSeconds(30))).isTrue();
    assertThat(two.claim("d1", 0, now.plusSeconds(30))).isFalse();
    assertThat(two.claim("d1", 1, now.plusSeconds(30))).as("its next attempt").isTrue();
  }

  @Test
  void addingAndRemovingAWebhookIsOnTheAuditRecordWithoutItsSecret() throws Exception {
    server = OutboundServer.start(OutboundServer.config(dataDir, 3, SHORT, SHORT));
    String id =
        server
            .subscribe("https://integrator.example/hook", OutboundServer.WULING, SECRET, "closed")
            .getString("id");
    server.call("DELETE", "/api/webhooks/" + id, null, TestLogins.ADMIN);

    List<String> lines = new java.util.ArrayList<>();
    try (var c = server.server.dataSource().getConnection();
        var ps =
            c.prepareStatement(
                "SELECT actor, action, detail FROM audit_log WHERE subject = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
        }
      }
    }
    assertThat(lines)
        .containsExactly(
            "test.admin webhook.add https://integrator.example/hook for 430702: closed",
            "test.admin webhook.remove https://integrator.example/hook");
    assertThat(String.join("\n", lines)).doesNotContain(SECRET);
  }

  /** What docs/api.md tells a receiver to do: HMAC-SHA256 of "timestamp.body", hex, "v1=". */
  private static boolean verify(String secret, WebhookReceiver.Request r) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((r.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
    String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    return java.security.MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), r.signature().getBytes(StandardCharsets.UTF_8));
  }
}
