package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.sharpeyes.ingest.config.AuthConfig;

/**
 * Coverage-guided fuzzing of what a client sends before it is anyone: the bearer token ({@link
 * TokenAuthenticator#authenticate}) and the login body. Whatever arrives is refused with a reason
 * (or read into fields and errors) — never an exception, never a hang. Under plain JUnit the seeds
 * run; with {@code JAZZER_FUZZ=1} Jazzer mutates them (docs/reliability.md, "Fuzzing").
 */
class AuthFuzzTest {

  static final long EXECUTIONS = 200_000;
  static final Duration PER_INPUT = Duration.ofSeconds(5);

  private static final TokenAuthenticator AUTHENTICATOR = authenticator();

  @DictionaryEntries({
    "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0",
    "eyJhbGciOiJub25lIn0",
    "eyJpc3MiOiJzaGFycGV5ZXMifQ",
    ".",
    "\"alg\"",
    "\"kid\"",
    "\"iss\":\"sharpeyes\""
  })
  @FuzzTest(maxDuration = "30m", maxExecutions = EXECUTIONS)
  void anyBearerTokenIsRefusedWithAReasonNeverAnException(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);

    Authenticator.Authentication a =
        assertTimeoutPreemptively(PER_INPUT, () -> AUTHENTICATOR.authenticate(token));

    assertThat(a).isInstanceOf(Authenticator.Authentication.Refused.class);
    assertThat(((Authenticator.Authentication.Refused) a).reason()).isNotBlank();
  }

  @DictionaryEntries({"{\"username\":", "\"password\":", "null", "[", "{", "\\u0000"})
  @FuzzTest(maxDuration = "30m", maxExecutions = EXECUTIONS)
  void anyLoginBodyIsReadIntoFieldsOrErrorsWithTheirPaths(byte[] input) {
    JsonBody body =
        assertTimeoutPreemptively(
            PER_INPUT, () -> JsonBody.of(Buffer.buffer(input), Set.of("username", "password")));
    String name = body.text("username");
    String password = body.text("password");

    if (body.errors().isEmpty()) {
      assertThat(name).isNotEmpty();
      assertThat(password).isNotEmpty();
    } else {
      assertThat(body.errors()).allSatisfy(e -> assertThat(e.path()).startsWith("body"));
    }
  }

  private static TokenAuthenticator authenticator() {
    try {
      Path dir = Files.createTempDirectory("auth-fuzz");
      Vertx vertx = Vertx.vertx();
      SigningKeys keys = SigningKeys.load(AuthConfig.Keys.GENERATED, dir);
      Clock clock = Clock.systemUTC();
      LocalTokens local = new LocalTokens(vertx, keys, "sharpeyes", Duration.ofMinutes(15), clock);
      return new TokenAuthenticator(local, null, new Revocations(null, null, clock));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
