package org.sharpeyes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlatePool;
import org.sharpeyes.sims.plate.PlateSimulator;
import org.sharpeyes.sims.plate.PlateSimulatorOptions;

/**
 * The closed loop end to end (issue 12): a hotlisted plate read in 柳湾社区 becomes an alert at the
 * village desk; nobody acknowledges it within the (test-short) deadline, so it moves up to the
 * township; the township acknowledges it and dispatches it to the grid worker, who reports back;
 * the township resolves it. The audit record holds each step with its user, a platform subscribed
 * to the county's alert topics heard created, escalated and closed, and a webhook receiver that
 * failed twice got the signed delivery on the third attempt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkflowEndToEndContract {

  private static final String READER = "43070200001320000103";
  private static final String PLATE = "湘JRT396"; // 布控车辆, medium: starts at the village desk
  private static final String SECRET = "it-webhook-secret-0123";
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunningPipeline pipeline;
  private MqttClient platform;
  private HttpServer receiver;
  private final List<JsonNode> heard = new CopyOnWriteArrayList<>();
  private final List<String[]> deliveries = new CopyOnWriteArrayList<>();
  private final AtomicInteger hooks = new AtomicInteger();

  abstract TestPair pair();

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    WorkflowConfig workflow =
        WorkflowConfig.defaults()
            .withDeadlines(Duration.ofMinutes(10), Duration.ofHours(1))
            .withDeadline(RegionLevel.VILLAGE, Duration.ofSeconds(3), Duration.ofHours(1))
            .withEscalationScan(Duration.ofMillis(300))
            .withWebhooks(
                new WorkflowConfig.Webhooks(
                    5, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5), 1000));
    pipeline =
        new RunningPipeline(
            pair(),
            dataDir,
            c -> c.withWorkflow(workflow),
            new DeviceConfig(
                READER,
                "桂园路东卡口",
                new GeoPoint(29.0365, 111.674),
                PlateReaderAdapterConfig.onPort(0)));
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = hooks.incrementAndGet() <= 2 ? 500 : 200;
          var h = exchange.getRequestHeaders();
          deliveries.add(
              new String[] {
                h.getFirst("X-SharpEyes-Timestamp"),
                h.getFirst("X-SharpEyes-Signature"),
                new String(body, StandardCharsets.UTF_8),
                String.valueOf(status)
              });
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
    platform =
        new MqttClient(
            pipeline.brokerUrl(), TestPair.uniqueName("it-platform-"), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    if (pipeline.brokerSecured()) {
      options.setUserName(DemoAccount.CITY_INTEGRATOR.name());
      options.setPassword(DemoAccount.CITY_INTEGRATOR.password().toCharArray());
    }
    platform.connect(options);
    platform.subscribe(
        "sharpeyes/v1/alerts/430700/430702/#",
        1,
        (topic, m) -> heard.add(JSON.readTree(m.getPayload())));
  }

  @AfterAll
  void stop() throws Exception {
    if (platform != null && platform.isConnected()) {
      platform.disconnect();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void anUnacknowledgedAlertEscalatesAndTheTownshipClosesTheLoopThroughTheGrid() throws Exception {
    HttpResponse<String> hook =
        send(
            DemoAccount.CITY_ADMIN,
            "POST",
            "/api/webhooks",
            null,
            "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort()
                + "/hook\","
                + "\"jurisdiction\":\"430702\",\"kinds\":[\"created\"],\"secret\":\""
                + SECRET
                + "\"}");
    assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);

    read(PLATE);
    String id = awaitQueued("430702001001", DemoAccount.LIUWAN_VILLAGE);

    await("escalated to the township")
        .atMost(WAIT)
        .until(
            () ->
                workflow(DemoAccount.LIUWAN_TOWNSHIP, id)
                    .path("workflow")
                    .path("desk")
                    .path("code")
                    .asText()
                    .equals("430702001"));
    JsonNode escalated = workflow(DemoAccount.LIUWAN_TOWNSHIP, id);
    assertThat(escalated.path("workflow").path("overdue").asBoolean()).isTrue();
    assertThat(escalated.path("timeline").get(0).path("note").asText())
        .isEqualTo("not acknowledged within 3 s at 柳湾社区网格服务站");

    step(DemoAccount.LIUWAN_TOWNSHIP, id, "{\"action\":\"acknowledge\"}");
    step(
        DemoAccount.LIUWAN_TOWNSHIP,
        id,
        "{\"action\":\"dispatch\",\"assignee\":\"he.grid\",\"note\":\"find the car\"}");
    step(DemoAccount.LIUWAN_GRID, id, "{\"action\":\"report\",\"note\":\"car found, owner told\"}");
    JsonNode resolved =
        step(DemoAccount.LIUWAN_TOWNSHIP, id, "{\"action\":\"resolve\",\"note\":\"reviewed\"}");
    assertThat(resolved.path("state").asText()).isEqualTo("resolved");

    List<String> steps = new ArrayList<>();
    resolved
        .path("timeline")
        .forEach(s -> steps.add(s.path("action").asText() + " by " + s.path("actor").asText()));
    assertThat(steps)
        .containsExactly(
            "escalate by system",
            "acknowledge by fu.liuwan",
            "dispatch by fu.liuwan",
            "report by he.grid",
            "resolve by fu.liuwan");

    JsonNode audit = pipeline.getJsonAs(DemoAccount.AUDITOR, "/api/audit?subject=" + id);
    List<String> audited = new ArrayList<>();
    audit
        .path("records")
        .forEach(r -> audited.add(r.path("action").asText() + " by " + r.path("user").asText()));
    assertThat(audited)
        .contains(
            "alert.escalate by system",
            "alert.acknowledge by fu.liuwan",
            "alert.dispatch by fu.liuwan",
            "alert.report by he.grid",
            "alert.resolve by fu.liuwan");

    await("created, escalated and closed on the county's alert topics")
        .atMost(WAIT)
        .until(
            () ->
                typesHeard(id)
                    .containsAll(
                        List.of(
                            "sharpeyes.alert.created",
                            "sharpeyes.alert.escalated",
                            "sharpeyes.alert.closed")));

    // The month's figures of the village where it was raised: one alert, escalated, resolved.
    String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
    HttpResponse<String> recomputed =
        send(
            DemoAccount.CITY_SUPERVISOR,
            "POST",
            "/api/governance/recompute?month=" + month,
            null,
            "");
    assertThat(recomputed.statusCode()).as(recomputed.body()).isEqualTo(200);
    JsonNode village = null;
    for (JsonNode u :
        pipeline.getJson("/api/governance?level=village&month=" + month).path("units")) {
      if (u.path("code").asText().equals("430702001001")) {
        village = u;
      }
    }
    assertThat(village).as("the governance row of 柳湾社区").isNotNull();
    assertThat(village.path("received").asInt()).isEqualTo(1);
    assertThat(village.path("acknowledged").asInt()).isEqualTo(1);
    assertThat(village.path("resolved").asInt()).isEqualTo(1);
    assertThat(village.path("overdue").asInt()).isEqualTo(1);
    assertThat(village.path("escalatedShare").asDouble()).isEqualTo(1.0);
    assertThat(village.path("withinGridShare").asDouble()).isEqualTo(0.0);
    long ack = village.path("ackMedianSeconds").asLong();
    assertThat(ack).as("acknowledged after the 3 s deadline passed").isBetween(3L, 45L);
    assertThat(village.path("resolveMedianSeconds").asLong()).isGreaterThanOrEqualTo(ack);

    await("the webhook's third attempt").atMost(WAIT).until(() -> delivered() != null);
    String[] third = delivered();
    assertThat(hooks.get()).isGreaterThanOrEqualTo(3);
    assertThat(third[1]).isEqualTo("v1=" + hmac(third[0] + "." + third[2]));
    assertThat(JSON.readTree(third[2]).path("subject").asText()).isEqualTo(id);
  }

  private String[] delivered() {
    return deliveries.stream().filter(d -> d[3].equals("200")).findFirst().orElse(null);
  }

  private List<String> typesHeard(String id) {
    return heard.stream()
        .filter(e -> id.equals(e.path("subject").asText()))
        .map(e -> e.path("type").asText())
        .toList();
  }

  private static String hmac(String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private void read(String plate) {
    PlateSimulatorOptions options =
        PlateSimulatorOptions.builder()
            .target(pipeline.plateEndpoint(READER))
            .deviceId(READER)
            .ratePerSecond(5)
            .count(1)
            .seed(12)
            .pool(PlatePool.of(List.of("湘JK7M20"), List.of(new HotPlate(plate, "hotlist", "it"))))
            .hotShare(1.0)
            .rawStyles(false)
            .build();
    assertThat(PlateSimulator.of(options).run().count2xx()).isEqualTo(1);
  }

  private String awaitQueued(String desk, DemoAccount as) {
    String[] id = new String[1];
    await("alert in the queue of desk " + desk)
        .atMost(WAIT)
        .until(
            () -> {
              for (JsonNode a :
                  pipeline.getJsonAs(as, "/api/desks/" + desk + "/queue").path("alerts")) {
                if (PLATE.equals(a.path("plate").asText())) {
                  id[0] = a.path("id").asText();
                }
              }
              return id[0] != null;
            });
    return id[0];
  }

  private JsonNode workflow(DemoAccount as, String id) throws Exception {
    return pipeline.getJsonAs(as, "/api/alerts/" + id + "/workflow");
  }

  private JsonNode step(DemoAccount as, String id, String body) throws Exception {
    String etag =
        pipeline
            .getAs(as, "/api/alerts/" + id + "/workflow")
            .headers()
            .firstValue("ETag")
            .orElseThrow();
    HttpResponse<String> r = send(as, "POST", "/api/alerts/" + id + "/transitions", etag, body);
    assertThat(r.statusCode()).as(as.name() + " " + body + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> send(
      DemoAccount as, String method, String path, String ifMatch, String body) throws Exception {
    HttpRequest.Builder b =
        pipeline
            .requestAs(as, path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return pipeline.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
