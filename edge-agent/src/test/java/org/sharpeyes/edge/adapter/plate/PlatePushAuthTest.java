package org.sharpeyes.edge.adapter.plate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.http.PushAuth;
import org.sharpeyes.edge.testing.RecordingSink;

/** A plate reader's push listener that asks for credentials, over a real HTTP connection. */
class PlatePushAuthTest {

  static final String READER = "43070200001320000101";
  static final Map<String, String> ENV =
      Map.of(
          "PLATE_PUSH_USER", "reader-wuling",
          "PLATE_PUSH_PASSWORD", "g4te-Pa55",
          "PLATE_PUSH_TOKEN", "tok-7f3a9c");
  static final PushAuth BASIC = new PushAuth.Basic("PLATE_PUSH_USER", "PLATE_PUSH_PASSWORD");

  private final RecordingSink outbox = new RecordingSink();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private PlateReaderAdapter reader;

  @AfterEach
  void release() throws Exception {
    if (reader != null) {
      reader.stop().get(10, TimeUnit.SECONDS);
    }
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    blocking.shutdownNow();
  }

  private PlateReaderAdapter start(PushAuth auth, Map<String, String> env) throws Exception {
    PlateReaderAdapterConfig config =
        new PlateReaderAdapterConfig(
                "127.0.0.1",
                0,
                PlateReaderAdapterConfig.DEFAULT_PATH,
                PlateReaderAdapterConfig.DEFAULT_MAX_BODY_BYTES,
                PlateReaderAdapterConfig.DEFAULT_MAX_SNAPSHOT_BYTES,
                PlateReaderAdapterConfig.DEFAULT_MAX_CONNECTIONS,
                PlateReaderAdapterConfig.DEFAULT_IDLE_TIMEOUT)
            .withAuth(auth);
    AdapterContext context =
        AdapterContext.builder("edge-test", outbox)
            .meters(meters)
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .environment(env)
            .build();
    reader =
        new PlateReaderAdapter(
            new DeviceConfig(READER, "Wuling gate", null, config), config, context);
    reader.start().get(10, TimeUnit.SECONDS);
    return reader;
  }

  private HttpResponse<String> push(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + reader.boundPort() + "/plates"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"plate\":\"湘J·A1234\",\"time\":\"2026-11-27T10:15:30+08:00\","
                        + "\"confidence\":0.93}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private double refusals() {
    return meters
        .get("sharpeyes.edge.device.faults")
        .tag("device", READER)
        .tag("kind", "auth-refused")
        .counter()
        .count();
  }

  @Test
  void aPushWithoutCredentialsIsAnswered401WithABasicChallengeAndNothingReachesTheOutbox()
      throws Exception {
    start(BASIC, ENV);

    HttpResponse<String> answer = push(null);

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValue("Basic realm=\"sharpeyes plate reader " + READER + "\", charset=\"UTF-8\"");
    assertThat(answer.body()).contains("credentials required");
    assertThat(outbox.offers()).isEmpty();
    assertThat(refusals()).isEqualTo(1.0);
  }

  @Test
  void aPushWithTheRightUserAndPasswordIsAccepted() throws Exception {
    start(BASIC, ENV);

    HttpResponse<String> answer = push(basic("reader-wuling", "g4te-Pa55"));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(outbox.offers()).hasSize(1);
    assertThat(refusals()).isZero();
  }

  @Test
  void aWrongPasswordIsAnswered401CountedAndLeavesTheOutboxEmpty() throws Exception {
    start(BASIC, ENV);

    HttpResponse<String> wrongPassword = push(basic("reader-wuling", "g4te-Pa56"));
    HttpResponse<String> wrongScheme = push("Bearer tok-7f3a9c");
    HttpResponse<String> notBase64 = push("Basic ###");

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.body()).contains("credentials not accepted");
    assertThat(wrongScheme.statusCode()).isEqualTo(401);
    assertThat(notBase64.statusCode()).isEqualTo(401);
    assertThat(outbox.offers()).isEmpty();
    assertThat(refusals()).isEqualTo(3.0);
    assertThat(
            meters
                .get("sharpeyes.edge.http.requests")
                .tag("listener", "plate-" + READER)
                .tag("status", "401")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(reader.status().lastError()).startsWith("401 credentials not accepted");
  }

  @Test
  void aTokenListenerAcceptsItsBearerTokenAndRefusesAnyOther() throws Exception {
    start(new PushAuth.Token("PLATE_PUSH_TOKEN"), ENV);

    HttpResponse<String> right = push("Bearer tok-7f3a9c");
    HttpResponse<String> wrong = push("Bearer tok-7f3a9d");

    assertThat(right.statusCode()).isEqualTo(202);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"sharpeyes plate reader " + READER + "\"");
    assertThat(outbox.offers()).hasSize(1);
  }

  @Test
  void aListenerWhosePasswordVariableIsUnsetDoesNotStartAndNamesTheVariable() {
    assertThatThrownBy(() -> start(BASIC, Map.of("PLATE_PUSH_USER", "reader-wuling")))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining(
            "environment variable PLATE_PUSH_PASSWORD (plateHttp.auth.basic.passwordEnv) is not"
                + " set");
  }
}
