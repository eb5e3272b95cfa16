package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.ConnectionState;

/** Registration with HTTP Digest over a real connection, as a GA/T 1400 camera does it. */
class ViidDigestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private ViidListener listener;

  @BeforeEach
  void start() throws Exception {
    listener = new ViidListener().start(ViidListener.config(), clock);
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
  }

  @Test
  void aCameraWithItsPasswordRegistersAndTheStatusSaysSo() throws Exception {
    ViidTestDevice camera = listener.camera();

    HttpResponse<String> first =
        camera.post(ViidHttpHandler.REGISTER, camera.registerBody(), Map.of());
    HttpResponse<String> second =
        camera.register(ViidTestDevice.parse(first).orElseThrow(), 1, ViidListener.PASSWORD);

    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(first.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Digest ")
        .contains("qop=\"auth\"", "algorithm=MD5", "nonce=\"", "opaque=\"", "realm=\"");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow())
        .isEqualTo("application/VIID+JSON;charset=UTF-8");
    JsonNode status = JSON.readTree(second.body()).get("ResponseStatusObject");
    assertThat(status.get("StatusCode").asInt()).isZero();
    assertThat(status.get("Id").asText()).isEqualTo(ViidListener.CAMERA);
    assertThat(status.get("LocalTime").asText()).isEqualTo("20261207200000");
    assertThat(status.get("RequestURL").asText()).endsWith("/VIID/System/Register");
    var s = listener.adapter.status();
    assertThat(s.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(s.lastContactAt()).isEqualTo(clock.instant());
    assertThat(s.details())
        .containsEntry("registered", "true")
        .containsEntry(ViidListener.CAMERA + ".registered", "true")
        .containsEntry(ViidListener.CAMERA + ".registeredAt", "2026-12-07T12:00:00Z")
        .containsEntry(ViidListener.CAMERA_2 + ".registered", "false")
        .containsKey("url");
  }

  @Test
  void aWrongPasswordIsRefusedWithANewChallengeAndCounted() throws Exception {
    ViidTestDevice camera = listener.camera();

    HttpResponse<String> r = camera.register(camera.challenge(), 1, "not-the-password");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(r.body()).contains("wrong Digest password for device " + ViidListener.CAMERA);
    assertThat(listener.adapter.status().details()).containsEntry("registered", "false");
    assertThat(listener.adapter.status().counters().inputsRejected()).isEqualTo(1);
  }

  @Test
  void anExpiredNonceIsAnsweredStaleAndTheNewNonceWorks() throws Exception {
    ViidTestDevice camera = listener.camera();
    ViidTestDevice.Challenge old = camera.challenge();

    clock.advance(ViidAdapterConfig.DEFAULT_NONCE_LIFETIME.plus(Duration.ofSeconds(1)));
    HttpResponse<String> stale = camera.register(old, 1, ViidListener.PASSWORD);
    ViidTestDevice.Challenge fresh = ViidTestDevice.parse(stale).orElseThrow();
    HttpResponse<String> again = camera.register(fresh, 1, ViidListener.PASSWORD);

    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(fresh.stale()).isTrue();
    assertThat(fresh.nonce()).isNotEqualTo(old.nonce());
    assertThat(again.statusCode()).isEqualTo(200);
  }

  @Test
  void aReplayedNonceCountIsRefused() throws Exception {
    ViidTestDevice camera = listener.camera();
    ViidTestDevice.Challenge c = camera.challenge();

    HttpResponse<String> first = camera.register(c, 1, ViidListener.PASSWORD);
    HttpResponse<String> replay = camera.register(c, 1, ViidListener.PASSWORD);
    HttpResponse<String> next = camera.register(c, 2, ViidListener.PASSWORD);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("replayed");
    assertThat(next.statusCode()).isEqualTo(200);
  }

  @Test
  void aDeviceNotConfiguredAtThisEdgeCannotRegister() throws Exception {
    ViidTestDevice stranger = listener.device("43070200001320000999", ViidListener.PASSWORD);

    HttpResponse<String> r = stranger.register();

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("43070200001320000999 is not configured at this edge");
    assertThat(listener.adapter.status().details()).containsEntry("registered", "false");
  }

  @Test
  void aUserIdentifyThatIsNotTheDigestUserIsRefused() throws Exception {
    ViidTestDevice camera = listener.camera();
    ViidTestDevice.Challenge c = camera.challenge();

    HttpResponse<String> r =
        camera.post(
            ViidHttpHandler.REGISTER,
            camera.registerBody(),
            Map.of(
                "User-Identify",
                ViidListener.CAMERA_2,
                "Authorization",
                camera.authorization(c, 1, ViidListener.PASSWORD, ViidHttpHandler.REGISTER)));

    JsonNode status = JSON.readTree(r.body()).get("ResponseStatusObject");
    assertThat(status.get("StatusCode").asInt()).isEqualTo(8);
    assertThat(status.get("StatusString").asText()).contains("User-Identify");
    assertThat(listener.adapter.status().details()).containsEntry("registered", "false");
  }

  @Test
  void theLiveNoncesAreBounded() {
    DigestAuthenticator digest =
        new DigestAuthenticator(
            "r", Map.of(ViidListener.CAMERA, "pw"), Duration.ofMinutes(5), clock);

    for (int i = 0; i < DigestAuthenticator.MAX_NONCES + 50; i++) {
      digest.challenge(false);
    }

    assertThat(digest.liveNonces()).isEqualTo(DigestAuthenticator.MAX_NONCES);
  }

  @Test
  void theSystemTimeIsTheEdgesInBeijingTime() throws Exception {
    HttpResponse<String> r = listener.camera().get(ViidHttpHandler.TIME);

    JsonNode t = JSON.readTree(r.body()).get("SystemTimeObject");
    assertThat(t.get("LocalTime").asText()).isEqualTo("20261207200000");
    assertThat(t.get("VIIDServerID").asText()).isEqualTo(ViidListener.LISTENER_ID);
  }
}
