package org.sharpeyes.edge.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.outbox.OutboxStatus;
import org.sharpeyes.edge.publish.PublisherState;
import org.sharpeyes.edge.publish.PublisherStatus;

class StatusHttpHandlerTest {

  static final Instant T = Instant.parse("2026-11-27T02:15:30Z");

  final ObjectMapper json = new ObjectMapper();

  @Test
  void healthIsUpWhileTheBrokerIsConnected() throws Exception {
    FullHttpResponse r = get(source(PublisherState.CONNECTED, null), "/healthz");

    assertThat(r.status().code()).isEqualTo(200);
    assertThat(body(r).get("status").asText()).isEqualTo("UP");
  }

  @Test
  void healthIsDownWithTheReasonWhenTheBrokerIsNot() throws Exception {
    FullHttpResponse r =
        get(source(PublisherState.DISCONNECTED, "cannot connect: refused"), "/healthz");

    assertThat(r.status().code()).isEqualTo(503);
    JsonNode b = body(r);
    assertThat(b.get("status").asText()).isEqualTo("DOWN");
    assertThat(b.get("reason").asText())
        .isEqualTo(
            "broker tcp://127.0.0.1:1883 is DISCONNECTED since 2026-11-27T02:15:30Z; last error:"
                + " cannot connect: refused");
  }

  @Test
  void statusShowsTheBrokerTheOutboxAndEveryDevice() throws Exception {
    JsonNode b = body(get(source(PublisherState.CONNECTED, null), "/status"));

    assertThat(b.get("edgeId").asText()).isEqualTo("edge-test-01");
    assertThat(b.get("broker").get("state").asText()).isEqualTo("CONNECTED");
    assertThat(b.get("outbox").get("depth").asInt()).isEqualTo(3);
    assertThat(b.get("outbox").get("waiting").asInt()).isEqualTo(2);
    assertThat(b.get("outbox").get("oldestAgeSeconds").asDouble()).isEqualTo(4.5);
    JsonNode device = b.get("devices").get(0);
    assertThat(device.get("deviceId").asText()).isEqualTo("43070200001320000101");
    assertThat(device.get("runtimeState").asText()).isEqualTo("STARTED");
    assertThat(device.get("connectionState").asText()).isEqualTo("ERROR");
    assertThat(device.get("lastError").asText()).isEqualTo("cannot listen on 0.0.0.0:8081");
    assertThat(device.get("counters").get("eventsAccepted").asLong()).isEqualTo(7);
  }

  @Test
  void metricsAreServedAsPrometheusText() {
    FullHttpResponse r = get(source(PublisherState.CONNECTED, null), "/metrics");

    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(r.content().toString(StandardCharsets.UTF_8)).isEqualTo("# metrics\n");
    r.release();
  }

  @Test
  void otherPathsAndMethodsAreRefusedWithAReason() throws Exception {
    StatusSource source = source(PublisherState.CONNECTED, null);

    FullHttpResponse missing = get(source, "/admin");
    FullHttpResponse post =
        exchange(source, "POST /status HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");

    assertThat(missing.status().code()).isEqualTo(404);
    assertThat(body(missing).get("error").asText()).contains("/healthz, /metrics or /status");
    assertThat(post.status().code()).isEqualTo(405);
    assertThat(post.headers().get("Allow")).isEqualTo("GET");
    post.release();
  }

  private static StatusSource source(PublisherState state, String lastError) {
    AdapterStatus device =
        new AdapterStatus(
            "43070200001320000101",
            "火车站卡口",
            DeviceKind.PLATE_READER,
            RuntimeState.STARTED,
            ConnectionState.ERROR,
            null,
            "cannot listen on 0.0.0.0:8081",
            T,
            T,
            new AdapterStatus.Counters(7, 1, 0, 1),
            T,
            java.util.Map.of());
    AgentStatus status =
        new AgentStatus(
            "edge-test-01",
            "test",
            T,
            new PublisherStatus("tcp://127.0.0.1:1883", state, T, lastError, 0),
            new OutboxStatus(
                "/var/lib/sharpeyes/edge-outbox.db",
                3,
                1,
                900,
                10_000,
                1 << 26,
                4.5,
                0,
                0,
                0,
                0,
                3),
            null,
            List.of(device));
    return new StatusSource() {
      @Override
      public AgentStatus status() {
        return status;
      }

      @Override
      public String scrapeMetrics() {
        return "# metrics\n";
      }
    };
  }

  private static FullHttpResponse get(StatusSource source, String path) {
    return exchange(source, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  private static FullHttpResponse exchange(StatusSource source, String raw) {
    EmbeddedChannel server =
        new EmbeddedChannel(
            new StatusHttpInitializer(
                new ConnectionLimit(
                    4, Counter.builder("refused").register(new SimpleMeterRegistry())),
                new StatusHttpHandler(source)));
    server.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
    EmbeddedChannel client =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    for (ByteBuf out = server.readOutbound(); out != null; out = server.readOutbound()) {
      client.writeInbound(out);
    }
    FullHttpResponse response = client.readInbound();
    assertThat(response).isNotNull();
    server.finishAndReleaseAll();
    client.finishAndReleaseAll();
    return response;
  }

  private JsonNode body(FullHttpResponse r) throws Exception {
    try {
      return json.readTree(r.content().toString(StandardCharsets.UTF_8));
    } finally {
      r.release();
    }
  }
}
