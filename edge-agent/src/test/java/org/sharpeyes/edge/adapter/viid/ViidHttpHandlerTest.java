package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterFaults;
import org.sharpeyes.edge.adapter.AdapterStatusTracker;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.EventOffers;
import org.sharpeyes.edge.http.ConnectionLimit;
import org.sharpeyes.edge.http.ResponseCounter;
import org.sharpeyes.edge.testing.RecordingSink;
import org.sharpeyes.schema.id.EventIds;

/** The listener's pipeline on an {@link EmbeddedChannel}: corrupted bytes and oversized bodies. */
class ViidHttpHandlerTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ViidAdapterConfig config =
      ViidListener.config()
          .withLimits(
              new ViidAdapterConfig.Limits(
                  4096, 64, 4, 2048, ViidAdapterConfig.Limits.DEFAULT_MAX_TIME_SKEW));
  private final DeviceConfig device =
      new DeviceConfig(ViidListener.LISTENER_ID, null, null, config);
  private final AdapterStatusTracker status = new AdapterStatusTracker(device);
  private final AdapterFaults faults = new AdapterFaults(device, status, meters, clock);

  private EmbeddedChannel channel() {
    ResponseCounter responses = new ResponseCounter(meters, "viid-test");
    ViidRegistry registry =
        new ViidRegistry(
            List.of(ViidListener.CAMERA), config.keepaliveTimeout(), clock, status, faults);
    ViidEventMapper mapper =
        new ViidEventMapper("edge-test", new EventIds(clock, new SplittableRandom(1)));
    ViidPushes pushes =
        new ViidPushes(
            new ViidBodyParser(config.limits(), config.zone()),
            mapper,
            () -> ViidFaces.capturedOnly(mapper),
            new EventOffers(new RecordingSink(), status, faults, clock, "GA/T 1400 device"),
            faults,
            new ViidMetrics(meters, "viid-test"),
            clock);
    ViidHttpHandler handler =
        new ViidHttpHandler(
            ViidListener.LISTENER_ID,
            config,
            new DigestAuthenticator(
                "r", Map.of(ViidListener.CAMERA, "pw"), config.nonceLifetime(), clock),
            registry,
            pushes,
            faults,
            responses,
            clock);
    ConnectionLimit limit = new ConnectionLimit(8, Counter.builder("refused").register(meters));
    return new EmbeddedChannel(new ViidHttpInitializer(config, limit, faults, responses, handler));
  }

  private static String response(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    return out.toString();
  }

  @Test
  void corruptedBytesAreAnswered400AndTheConnectionCloses() {
    EmbeddedChannel ch = channel();

    ch.writeInbound(
        Unpooled.wrappedBuffer(
            new byte[] {0, (byte) 0xff, 'G', 'E', '\r', '\n', 0x7f, '\r', '\n', '\r', '\n'}));

    assertThat(response(ch)).startsWith("HTTP/1.1 400").contains("malformed HTTP request");
    assertThat(ch.isOpen()).isFalse();
    assertThat(status.snapshot().counters().inputsRejected()).isEqualTo(1);
  }

  @Test
  void aBodyOverTheLimitIsAnswered413BeforeItIsRead() {
    EmbeddedChannel ch = channel();

    ch.writeInbound(
        Unpooled.copiedBuffer(
            "POST /VIID/MotorVehicles HTTP/1.1\r\nHost: edge\r\nUser-Identify: "
                + ViidListener.CAMERA
                + "\r\nContent-Length: 100000\r\n\r\n{",
            StandardCharsets.US_ASCII));

    assertThat(response(ch)).startsWith("HTTP/1.1 413").contains("viid.maxBodyBytes");
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void anUnknownPathIs404AndAGetOfAPushPathIs405() {
    EmbeddedChannel ch = channel();

    ch.writeInbound(
        Unpooled.copiedBuffer(
            "GET /VIID/Faces HTTP/1.1\r\nHost: edge\r\n\r\nGET /index.html HTTP/1.1\r\nHost: edge\r\n\r\n",
            StandardCharsets.US_ASCII));

    String out = response(ch);
    assertThat(out).startsWith("HTTP/1.1 405").contains("HTTP/1.1 404");
  }

  @Test
  void aBadPercentEscapeInThePathIsANotFoundNotAnInternalError() {
    EmbeddedChannel ch = channel();

    ch.writeInbound(
        Unpooled.copiedBuffer(
            "POST /VIID/%zz%E4 HTTP/1.1\r\nHost: edge\r\nContent-Length: 2\r\n\r\n{}",
            StandardCharsets.US_ASCII));

    assertThat(response(ch)).startsWith("HTTP/1.1 404");
    assertThat(status.snapshot().counters().failures()).isZero();
  }
}
