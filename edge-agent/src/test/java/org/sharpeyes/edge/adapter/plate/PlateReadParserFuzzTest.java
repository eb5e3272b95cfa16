package org.sharpeyes.edge.adapter.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.sharpeyes.edge.testing.CountingAllocator;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;

/**
 * Coverage-guided fuzzing of what a plate reader pushes: the JSON body ({@link PlateReadParser})
 * and the multipart body ({@link PlateMultipartReader}, then the parser on its parts).
 *
 * <p>Besides "never throws, never hangs", a read the edge accepts (and answers 2xx for) must become
 * an event the server's decoder accepts — otherwise the edge would promise an event that the server
 * can only dead-letter.
 *
 * <p>Under plain JUnit this runs the seeds in {@code PlateReadParserFuzzTestInputs/<method>/}. With
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes one method per run (pick it with {@code -Dtest=...#method});
 * see {@code docs/reliability.md}, "Fuzzing".
 */
class PlateReadParserFuzzTest {

  /** Inputs per long run; the issue asks for at least 100k. */
  static final long EXECUTIONS = 500_000;

  static final Duration PER_INPUT = Duration.ofSeconds(5);

  private static final int MAX_BODY_BYTES = PlateReaderAdapterConfig.DEFAULT_MAX_BODY_BYTES;
  private static final PlateReadParser PARSER =
      new PlateReadParser(PlateReaderAdapterConfig.DEFAULT_MAX_SNAPSHOT_BYTES);
  private static final PlateReadEventMapper MAPPER =
      new PlateReadEventMapper(
          "edge-fuzz-01",
          "43070200001320000101",
          new EventIds(
              Clock.fixed(Instant.parse("2026-11-27T02:15:30Z"), ZoneOffset.UTC),
              new SplittableRandom(7)));
  private static final EventCodec CODEC = new EventCodec();

  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyJsonBodyIsReadOrRefusedWithItsProblems(byte[] body) {
    PlateReadResult result = assertTimeoutPreemptively(PER_INPUT, () -> PARSER.parse(body));

    checkAcceptedReadsBecomeValidEvents(result);
  }

  /**
   * The input is a request as the handler sees it: the first line is the {@code Content-Type}
   * header (e.g. {@code multipart/form-data; boundary=b}), the rest is the body. Every buffer the
   * reader takes from the request's allocator must be released by the time it returns: a leak per
   * bad request would end the edge in an out-of-memory error.
   */
  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyMultipartRequestIsReadOrRefusedWithItsProblems(byte[] input) {
    CountingAllocator buffers = new CountingAllocator();
    FullHttpRequest request = request(input, buffers);
    PlateReadResult result;
    try {
      result = assertTimeoutPreemptively(PER_INPUT, () -> read(request));
    } finally {
      request.release();
    }

    assertThat(buffers.live()).as("buffers the reader did not release").isZero();
    checkAcceptedReadsBecomeValidEvents(result);
  }

  /** What {@code PlateHttpHandler} does with a complete request. */
  private static PlateReadResult read(FullHttpRequest request) {
    if (!PlateRequestGate.mediaType(request).equals(PlateRequestGate.MULTIPART)) {
      byte[] body = new byte[request.content().readableBytes()];
      request.content().getBytes(request.content().readerIndex(), body);
      return PARSER.parse(body);
    }
    PlateMultipartReader.Parts parts = PlateMultipartReader.read(request, MAX_BODY_BYTES);
    if (!parts.problems().isEmpty()) {
      return new PlateReadResult.Invalid(parts.problems());
    }
    return PARSER.parse(parts.readJson(), parts.snapshot());
  }

  private static FullHttpRequest request(byte[] input, CountingAllocator buffers) {
    int newline = indexOf(input, (byte) '\n');
    String contentType =
        new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.ISO_8859_1)
            .replace("\r", "");
    byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
    // Header validation off: these headers come "from the wire", the decoder has to cope.
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            "/plates",
            buffers.heapBuffer(body.length).writeBytes(body),
            false);
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    request.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return request;
  }

  private static void checkAcceptedReadsBecomeValidEvents(PlateReadResult result) {
    if (result instanceof PlateReadResult.Invalid invalid) {
      assertThat(invalid.problems()).isNotEmpty();
      return;
    }
    PlateRead read = ((PlateReadResult.Valid) result).read();
    EdgeEvent event = MAPPER.toEvent(read).withSeq(1);
    DecodeResult decoded = CODEC.decode(CODEC.encode(event));
    assertThat(decoded)
        .as("the event of an accepted read")
        .isInstanceOf(DecodeResult.Decoded.class);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
