package org.sharpeyes.edge.adapter.plate;

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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatus;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.PushAuthenticator;
import org.sharpeyes.edge.http.ResponseCounter;
import org.sharpeyes.edge.testing.Jpegs;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;

class PlateHttpHandlerTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:15:31Z"), ZoneOffset.UTC);
  static final String GOOD_READ =
      "{\"plate\":\"湘J·A1234\",\"color\":\"blue\",\"time\":\"2026-11-27T10:15:30.123+08:00\","
          + "\"direction\":\"in\",\"lane\":2,\"confidence\":0.93,\"vehicleClass\":\"car\","
          + "\"vehicleColor\":\"white\",\"speedKmh\":42.5}";

  final ObjectMapper json = new ObjectMapper();
  final RecordingSink sink = new RecordingSink();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final PlateReaderAdapterConfig config = PlateReaderAdapterConfig.onPort(0).withLimits(8192, 4096);
  final DeviceConfig device = new DeviceConfig("43070200001320000101", "火车站卡口", null, config);
  final AdapterStatusTracker status = new AdapterStatusTracker(device);
  final EmbeddedChannel channel = newChannel();

  @AfterEach
  void closeChannel() {
    channel.finishAndReleaseAll();
  }

  @Test
  void aGoodJsonReadIsAcceptedAndLandsInTheSinkAsAVehicleSighting() throws Exception {
    String jpeg = Base64.getEncoder().encodeToString(Jpegs.ofSize(1000));
    String body = GOOD_READ.replace("}", ",\"snapshotBase64\":\"" + jpeg + "\"}");

    FullHttpResponse response = post("application/json", bytes(body));

    assertThat(response.status().code()).isEqualTo(202);
    JsonNode answer = body(response);
    assertThat(answer.get("plateNumber").asText()).isEqualTo("湘JA1234");
    assertThat(sink.offers()).hasSize(1);
    RecordingSink.Offer offer = sink.offers().get(0);
    assertThat(answer.get("eventId").asText()).isEqualTo(offer.event().id());
    VehicleSighted data = (VehicleSighted) offer.event().data();
    assertThat(data.plateNumber()).isEqualTo("湘JA1234");
    assertThat(data.plateRaw()).isEqualTo("湘J·A1234");
    assertThat(offer.snapshot()).isEqualTo(Jpegs.ofSize(1000));
    assertThat(channel.isOpen()).isTrue();
    AdapterStatus s = status.snapshot();
    assertThat(s.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(s.counters().eventsAccepted()).isEqualTo(1);
    assertThat(s.lastEventAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void aReadWithMissingAndWrongFieldsGets400ListingEveryProblem() throws Exception {
    FullHttpResponse response =
        post("application/json", bytes("{\"color\":\"purple\",\"lane\":40,\"speedKmh\":-3}"));

    assertThat(response.status().code()).isEqualTo(400);
    JsonNode answer = body(response);
    assertThat(answer.get("error").asText()).isEqualTo("invalid plate read");
    List<String> paths = new ArrayList<>();
    answer.get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).containsExactly("plate", "color", "time", "confidence", "lane", "speedKmh");
    answer.get("problems").forEach(p -> assertThat(p.get("message").asText()).isNotBlank());
    assertThat(sink.offers()).isEmpty();
    assertThat(status.snapshot().counters().inputsRejected()).isEqualTo(1);
    assertThat(status.snapshot().lastError()).startsWith("invalid plate read: plate: missing");
    assertThat(faults("input-rejected")).isEqualTo(1.0);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitGets413WithAReasonBeforeItIsRead() throws Exception {
    byte[] big = new byte[10_000];

    FullHttpResponse response = post("application/json", big);

    assertThat(response.status().code()).isEqualTo(413);
    assertThat(body(response).get("error").asText())
        .contains("larger than the limit of 8192 bytes");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aChunkedBodyThatGrowsPastTheLimitGets413() throws Exception {
    StringBuilder request =
        new StringBuilder(
            "POST /plates HTTP/1.1\r\nHost: edge\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
    String chunk = "x".repeat(4000);
    for (int i = 0; i < 3; i++) {
      request
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    request.append("0\r\n\r\n");

    FullHttpResponse response = exchange(bytes(request.toString()));

    assertThat(response.status().code()).isEqualTo(413);
    assertThat(body(response).get("error").asText()).contains("plateHttp.maxBodyBytes");
  }

  @Test
  void corruptedBytesGet400AndNeverCrashTheChannel() throws Exception {
    byte[] garbage = new byte[6000];
    new Random(3).nextBytes(garbage);

    FullHttpResponse response = exchange(garbage);

    assertThat(response.status().code()).isEqualTo(400);
    assertThat(body(response).get("error").asText()).startsWith("malformed HTTP request");
    channel.checkException();
    assertThat(channel.isOpen()).isFalse();
    assertThat(sink.offers()).isEmpty();
  }

  @Test
  void aJsonContentTypeWithAnotherBodyIsABadRequestNotACrash() throws Exception {
    FullHttpResponse response = post("application/json", new byte[] {(byte) 0xFF, 0x00, 0x7B});

    assertThat(response.status().code()).isEqualTo(400);
    assertThat(body(response).get("problems").get(0).get("path").asText()).isEqualTo("$");
    channel.checkException();
  }

  @Test
  void aMultipartPushWithAReadAndASnapshotPartIsAccepted() throws Exception {
    byte[] jpeg = Jpegs.ofSize(3000);

    FullHttpResponse response =
        post(
            "multipart/form-data; boundary=XyZ",
            multipart(
                "XyZ",
                part("read", null, "application/json", bytes(GOOD_READ)),
                part("snapshot", "snap.jpg", "image/jpeg", jpeg)));

    assertThat(response.status().code()).isEqualTo(202);
    assertThat(sink.offers()).hasSize(1);
    assertThat(sink.offers().get(0).snapshot()).isEqualTo(jpeg);
    VehicleSighted data = (VehicleSighted) sink.offers().get(0).event().data();
    assertThat(data.snapshot().sizeBytes()).isEqualTo(3000);
  }

  @Test
  void aMultipartPushWithoutAReadPartOrWithAStrangePartIsRejected() throws Exception {
    FullHttpResponse response =
        post(
            "multipart/form-data; boundary=XyZ",
            multipart("XyZ", part("picture", "p.jpg", "image/jpeg", Jpegs.ofSize(100))));

    assertThat(response.status().code()).isEqualTo(400);
    List<String> paths = new ArrayList<>();
    body(response).get("problems").forEach(p -> paths.add(p.get("path").asText()));
    assertThat(paths).containsExactly("picture");
  }

  @Test
  void aMultipartPushWithAnEmptyBoundaryGets400NotAnInternalError() throws Exception {
    FullHttpResponse response =
        post(
            "multipart/form-data; boundary=",
            multipart("XyZ", part("read", null, "application/json", bytes(GOOD_READ))));

    assertThat(response.status().code()).isEqualTo(400);
    assertThat(body(response).get("problems").get(0).get("message").asText())
        .startsWith("malformed multipart body");
  }

  @Test
  void aMultipartSnapshotThatIsNotAJpegIsRejected() throws Exception {
    FullHttpResponse response =
        post(
            "multipart/form-data; boundary=XyZ",
            multipart(
                "XyZ",
                part("read", null, "application/json", bytes(GOOD_READ)),
                part("snapshot", "s.png", "image/png", bytes("\u0089PNG...."))));

    assertThat(response.status().code()).isEqualTo(400);
    assertThat(body(response).get("problems").get(0).get("path").asText()).isEqualTo("snapshot");
  }

  @Test
  void otherPathsMethodsAndContentTypesGet404And405And415() throws Exception {
    FullHttpResponse wrongPath =
        exchange(request("POST", "/alarm", "application/json", bytes("{}")));
    EmbeddedChannel second = newChannel();
    FullHttpResponse wrongMethod = exchange(second, request("GET", "/plates", null, new byte[0]));
    EmbeddedChannel third = newChannel();
    FullHttpResponse wrongType =
        exchange(third, request("POST", "/plates", "text/plain", bytes("湘JA1234")));

    assertThat(wrongPath.status().code()).isEqualTo(404);
    assertThat(body(wrongPath).get("error").asText()).contains("post plate reads to /plates");
    assertThat(wrongMethod.status().code()).isEqualTo(405);
    assertThat(wrongMethod.headers().get("Allow")).isEqualTo("POST");
    assertThat(wrongType.status().code()).isEqualTo(415);
    assertThat(body(wrongType).get("error").asText()).contains("multipart/form-data");
    second.finishAndReleaseAll();
    third.finishAndReleaseAll();
  }

  @Test
  void whenTheSinkRefusesTheDeviceIsToldToRetryLater() throws Exception {
    sink.refuseWith("the agent is stopping");

    FullHttpResponse response = post("application/json", bytes(GOOD_READ));

    assertThat(response.status().code()).isEqualTo(503);
    assertThat(response.headers().get("Retry-After")).isEqualTo("5");
    assertThat(body(response).get("error").asText()).isEqualTo("the agent is stopping");
    assertThat(status.snapshot().counters().eventsRefused()).isEqualTo(1);
  }

  @Test
  void theDeviceHearsNothingUntilTheSinkHasStoredTheEvent() throws Exception {
    sink.holdAnswers();

    channel.writeInbound(
        Unpooled.wrappedBuffer(request("POST", "/plates", "application/json", bytes(GOOD_READ))));

    assertThat((Object) channel.readOutbound()).as("no answer yet").isNull();
    assertThat(channel.config().isAutoRead()).as("reading paused").isFalse();
    assertThat(status.snapshot().counters().eventsAccepted()).isZero();
    sink.completeHeld();
    FullHttpResponse response = response(channel);
    assertThat(response.status().code()).isEqualTo(202);
    assertThat(body(response).get("seq").asLong()).isEqualTo(1);
    assertThat(channel.config().isAutoRead()).isTrue();
    assertThat(status.snapshot().counters().eventsAccepted()).isEqualTo(1);
  }

  @Test
  void aKeptAliveConnectionServesOneReadAfterAnother() throws Exception {
    FullHttpResponse first = post("application/json", bytes(GOOD_READ));
    FullHttpResponse second = post("application/json", bytes(GOOD_READ.replace("A1234", "B5678")));

    assertThat(first.status().code()).isEqualTo(202);
    assertThat(second.status().code()).isEqualTo(202);
    assertThat(sink.offers()).hasSize(2);
    assertThat(meters.get("sharpeyes.edge.http.requests").tag("status", "202").counter().count())
        .isEqualTo(2.0);
  }

  private EmbeddedChannel newChannel() {
    AdapterFaults faults = new AdapterFaults(device, status, meters, CLOCK);
    ResponseCounter responses = new ResponseCounter(meters, "plate-test");
    PlateHttpHandler handler =
        new PlateHttpHandler(
            config,
            new PlateReadEventMapper(
                "edge-test-01", device.id(), new EventIds(CLOCK, new Random(1))),
            new EventOffers(sink, status, faults, CLOCK, "plate reader"),
            faults,
            responses);
    return new EmbeddedChannel(
        new PlateHttpInitializer(
            config,
            new ConnectionLimit(4, Counter.builder("refused").register(meters)),
            faults,
            status,
            responses,
            handler,
            PushAuthenticator.OPEN));
  }

  private FullHttpResponse post(String contentType, byte[] body) {
    return exchange(request("POST", "/plates", contentType, body));
  }

  private FullHttpResponse exchange(byte[] raw) {
    return exchange(channel, raw);
  }

  private static FullHttpResponse exchange(EmbeddedChannel ch, byte[] raw) {
    ch.writeInbound(Unpooled.wrappedBuffer(raw));
    return response(ch);
  }

  private static FullHttpResponse response(EmbeddedChannel ch) {
    EmbeddedChannel client =
        new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    for (ByteBuf out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
      client.writeInbound(out);
    }
    FullHttpResponse response = client.readInbound();
    assertThat(response).as("a response").isNotNull();
    client.finishAndReleaseAll();
    return response;
  }

  private static byte[] request(String method, String path, String contentType, byte[] body) {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: edge\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    return concat(bytes(head), body);
  }

  private static byte[] part(String name, String filename, String type, byte[] content) {
    String head =
        "Content-Disposition: form-data; name=\""
            + name
            + "\""
            + (filename == null ? "" : "; filename=\"" + filename + "\"")
            + "\r\nContent-Type: "
            + type
            + "\r\n\r\n";
    return concat(bytes(head), content);
  }

  private static byte[] multipart(String boundary, byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(bytes("--" + boundary + "\r\n"));
      out.writeBytes(part);
      out.writeBytes(bytes("\r\n"));
    }
    out.writeBytes(bytes("--" + boundary + "--\r\n"));
    return out.toByteArray();
  }

  private JsonNode body(FullHttpResponse response) throws Exception {
    assertThat(response.headers().get("Content-Type")).startsWith("application/json");
    try {
      return json.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  private double faults(String kind) {
    return meters.get("sharpeyes.edge.device.faults").tag("kind", kind).counter().count();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
