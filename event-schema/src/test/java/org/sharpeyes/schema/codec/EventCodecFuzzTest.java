package org.sharpeyes.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of {@link EventCodec#decode(byte[])}, the first thing that touches every
 * MQTT message the ingest-server receives.
 *
 * <p>Under plain JUnit this runs the seeds in {@code EventCodecFuzzTestInputs/<method>/} (real
 * encoded events and every input that once failed). With {@code JAZZER_FUZZ=1} Jazzer mutates them
 * for {@link #EXECUTIONS} inputs; see {@code docs/reliability.md}, "Fuzzing".
 */
class EventCodecFuzzTest {

  /** Inputs per long run; the issue asks for at least 100k. */
  static final long EXECUTIONS = 500_000;

  /** Longer than any input takes by orders of magnitude; past it the input counts as a hang. */
  static final Duration PER_INPUT = Duration.ofSeconds(5);

  private static final EventCodec CODEC = new EventCodec();

  @FuzzTest(maxDuration = "60m", maxExecutions = EXECUTIONS)
  void anyMessageIsDecodedOrRejectedWithItsProblems(byte[] message) {
    DecodeResult result = assertTimeoutPreemptively(PER_INPUT, () -> CODEC.decode(message));

    if (result instanceof DecodeResult.Rejected rejected) {
      assertThat(rejected.problems()).isNotEmpty();
      assertThat(rejected.summary()).startsWith(rejected.reason().label());
    } else {
      // What the server accepted, an edge can send again: a decoded event survives a re-encode.
      DecodeResult again = CODEC.decode(CODEC.encode(((DecodeResult.Decoded) result).event()));
      assertThat(again).isEqualTo(result);
    }
  }
}
