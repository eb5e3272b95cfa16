package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.id.EventIds;
import org.sharpeyes.schema.plate.PlateParse;

/**
 * Coverage-guided fuzzing of what a GA/T 1400 device pushes ({@link ViidBodyParser}): any body is
 * read into objects or refused with statuses, never an exception, never a hang; every status has a
 * reason and a bounded id; and every object the edge would accept becomes an event the server's
 * decoder accepts (otherwise the edge would answer "OK" for an event the server can only
 * dead-letter).
 *
 * <p>Under plain JUnit this runs the seeds in {@code ViidBodyParserFuzzTestInputs/<method>/}. With
 * {@code JAZZER_FUZZ=1} Jazzer fuzzes it; see {@code docs/reliability.md}, "Fuzzing".
 */
class ViidBodyParserFuzzTest {

  static final long EXECUTIONS = 500_000;
  static final Duration PER_INPUT = Duration.ofSeconds(5);

  /** The seeds' objects are timed 2026-12-07 20:00 Beijing time. */
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private static final ViidBodyParser PARSER =
      new ViidBodyParser(ViidAdapterConfig.Limits.DEFAULTS, ViidAdapterConfig.DEFAULT_ZONE);
  private static final ViidEventMapper MAPPER =
      new ViidEventMapper(
          "edge-fuzz-01", new EventIds(Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(7)));
  private static final EventCodec CODEC = new EventCodec();

  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyPushBodyIsReadOrRefusedWithAStatusPerObject(byte[] body) {
    for (ViidObjectKind kind : ViidObjectKind.values()) {
      ViidBodyParser.Result result =
          assertTimeoutPreemptively(PER_INPUT, () -> PARSER.parse(kind, body, NOW));

      if (result.whole() != null) {
        assertThat(result.whole().accepted()).isFalse();
        assertThat(result.whole().reason()).isNotBlank();
        continue;
      }
      for (ViidObject o : result.objects()) {
        assertThat(o.id().length()).isLessThanOrEqualTo(ViidBodyParser.MAX_TEXT + 1);
        if (o instanceof ViidObject.Refused r) {
          assertThat(r.status().reason()).isNotBlank();
        } else if (o instanceof ViidObject.Vehicle v
            && ViidEventMapper.plate(v.plateNo()) instanceof PlateParse.Parsed p) {
          checkDecodes(MAPPER.vehicle(v, p.plate()));
        } else if (o instanceof ViidObject.Face f) {
          checkDecodes(MAPPER.captured(f, 0));
        }
      }
    }
  }

  private static void checkDecodes(EdgeEvent event) {
    DecodeResult decoded = CODEC.decode(CODEC.encode(event.withSeq(1)));
    assertThat(decoded)
        .as("the event of an accepted object")
        .isInstanceOf(DecodeResult.Decoded.class);
  }
}
