package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Coverage-guided fuzzing of {@link BearerCredentials#parse}: whatever a client sends as its {@code
 * Authorization} header, the parser answers Missing, Malformed with a reason that does not echo the
 * header, or a token within the bound made only of token68 characters — it never throws and never
 * hangs.
 *
 * <p>Under plain JUnit this runs the seeds in {@code BearerCredentialsFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} Jazzer mutates them (docs/reliability.md, "Fuzzing").
 */
class BearerCredentialsFuzzTest {

  static final long EXECUTIONS = 500_000;
  static final Duration PER_INPUT = Duration.ofSeconds(2);

  @DictionaryEntries({"Bearer ", "bearer ", "BEARER\t", "Basic ", "==", "eyJ", ".", " ", "\t"})
  @FuzzTest(maxDuration = "30m", maxExecutions = EXECUTIONS)
  void anyHeaderIsReadOrRefusedWithAReason(byte[] bytes) {
    String header = new String(bytes, StandardCharsets.UTF_8);

    BearerCredentials.Parsed parsed =
        assertTimeoutPreemptively(PER_INPUT, () -> BearerCredentials.parse(header));

    assertThat(parsed).isNotNull();
    if (parsed instanceof BearerCredentials.Token t) {
      assertThat(t.value())
          .isNotEmpty()
          .hasSizeLessThanOrEqualTo(BearerCredentials.MAX_TOKEN_CHARS);
      assertThat(t.value()).matches("[A-Za-z0-9._~+/-]+=*");
      assertThat(header.strip().substring(0, 6)).isEqualToIgnoringCase("Bearer");
    } else if (parsed instanceof BearerCredentials.Malformed m) {
      assertThat(m.reason()).isNotBlank().doesNotContain(header.length() > 8 ? header : "\u0000");
    } else {
      assertThat(header.isBlank()).isTrue();
    }
  }
}
