package org.sharpeyes.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.rule.Sightings;

/** A downstream platform subscribed to a county's alert topics. */
class OutboundMqttTest {

  private static final String WULING_TOPICS = "sharpeyes/v1/alerts/430700/430702/#";
  private static final String DINGCHENG_TOPICS = "sharpeyes/v1/alerts/430700/430703/#";

  /** A message as the subscriber received it. */
  record Received(String topic, JsonObject event) {}

  @TempDir Path dataDir;
  private OutboundServer server;
  private MqttClient subscriber;

  @AfterEach
  void stop() throws Exception {
    if (subscriber != null && subscriber.isConnected()) {
      subscriber.disconnect();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aCountySubscriberHearsItsTownshipsAlertCreatedAndClosedAndNothingOfAnotherCounty()
      throws Exception {
    // The embedded broker with its security on: the county's platform logs in as its integrator
    // user and may read its county's alert topics, and no other county's.
    server =
        OutboundServer.start(
            OutboundServer.config(dataDir, 8, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    List<Received> wuling = new CopyOnWriteArrayList<>();
    List<Received> dingcheng = new CopyOnWriteArrayList<>();
    subscriber = new MqttClient(server.server.brokerUrl(), "downstream", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setUserName("test.wuling.platform");
    options.setPassword("test-platform-pw".toCharArray());
    subscriber.connect(options);
    assertThat(
            subscriber
                .subscribeWithResponse(
                    WULING_TOPICS, 1, (t, m) -> wuling.add(received(t, m.getPayload())))
                .getGrantedQos())
        .containsExactly(1);
    assertThat(
            subscriber
                .subscribeWithResponse(
                    DINGCHENG_TOPICS, 1, (t, m) -> dingcheng.add(received(t, m.getPayload())))
                .getGrantedQos())
        .as("another county's alerts")
        .containsExactly(128);

    // 王建军's car (a key person) passes the station reader in 武陵区; a hotlisted car in 鼎城区
    String alert = server.sight("湘JJN407", Sightings.WULING_READER);
    String elsewhere = server.sight("湘J20E22", Sightings.DINGCHENG_READER);
    await().until(() -> kinds(wuling, alert).contains("sharpeyes.alert.created"));
    assertThat(server.step(alert, "false-positive", "a look-alike car").statusCode())
        .isEqualTo(200);
    await().until(() -> kinds(wuling, alert).contains("sharpeyes.alert.closed"));

    Received created = first(wuling, "sharpeyes.alert.created");
    JsonObject data = created.event().getJsonObject("data");
    String path = data.getString("regionPath");
    assertThat(path).startsWith("/430700/430702/");
    assertThat(created.topic())
        .isEqualTo("sharpeyes/v1/alerts" + path + "created")
        .matches("sharpeyes/v1/alerts/430700/430702/\\d{9}/\\d{12}/created");
    assertThat(created.event().getString("specversion")).isEqualTo("1.0");
    assertThat(created.event().getString("source")).isEqualTo("/sharpeyes/ingest-server");
    assertThat(created.event().getString("subject")).isEqualTo(alert);
    assertThat(created.event().getString("datacontenttype")).isEqualTo("application/json");
    assertThat(data.getString("state")).isEqualTo("new");
    assertThat(data.getString("deskCode")).isNotBlank();
    assertThat(data.getBoolean("overdue")).isFalse();

    Received closed = first(wuling, "sharpeyes.alert.closed");
    assertThat(closed.topic()).isEqualTo("sharpeyes/v1/alerts" + path + "closed");
    JsonObject step = closed.event().getJsonObject("data").getJsonObject("step");
    assertThat(closed.event().getJsonObject("data").getString("state")).isEqualTo("false-positive");
    assertThat(step.getString("action")).isEqualTo("false-positive");
    assertThat(step.getString("actor")).isEqualTo("test.supervisor");
    assertThat(step.getString("note")).isEqualTo("a look-alike car");
    assertThat(closed.event().getString("id")).isNotEqualTo(created.event().getString("id"));

    // as an integrator sees it: the name masked, no ID number, no photos
    for (Received r : wuling) {
      String text = r.event().encode();
      assertThat(text).doesNotContain("王建军").doesNotContain("430702197506070675");
      assertThat(text).doesNotContain("/photos").doesNotContain("snapshot");
    }
    assertThat(wuling).extracting(r -> r.event().getString("subject")).containsOnly(alert);
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                Files.readString(
                    Path.of("../event-schema/src/main/resources/schemas/v1/alert.event.json")));
    for (Received r : wuling) {
      assertThat(schema.validate(new ObjectMapper().readTree(r.event().encode())))
          .as("event-schema/src/main/resources/schemas/v1/alert.event.json, " + r.topic())
          .isEmpty();
    }
    assertThat(dingcheng).as("nothing of " + elsewhere).isEmpty();
  }

  private static Received received(String topic, byte[] payload) {
    return new Received(topic, new JsonObject(new String(payload, StandardCharsets.UTF_8)));
  }

  private static List<String> kinds(List<Received> got, String alertId) {
    return got.stream()
        .filter(r -> alertId.equals(r.event().getString("subject")))
        .map(r -> r.event().getString("type"))
        .toList();
  }

  private static Received first(List<Received> got, String type) {
    return got.stream()
        .filter(r -> type.equals(r.event().getString("type")))
        .findFirst()
        .orElseThrow();
  }
}
