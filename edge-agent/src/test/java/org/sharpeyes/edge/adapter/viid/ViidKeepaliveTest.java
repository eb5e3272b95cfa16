package org.sharpeyes.edge.adapter.viid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.edge.adapter.ConnectionState;

/** A registered camera that stops sending keepalives is marked offline. */
class ViidKeepaliveTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
  private ViidListener listener;

  @AfterEach
  void stop() throws Exception {
    listener.close();
  }

  @Test
  void aCameraSilentForTheKeepaliveTimeoutIsOfflineAndMustRegisterAgain() throws Exception {
    listener =
        new ViidListener()
            .start(
                ViidListener.config().withTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(5)),
                clock);
    ViidTestDevice camera = listener.camera();
    camera.register();
    clock.advance(Duration.ofSeconds(1));
    assertThat(camera.keepalive().body()).contains("\"StatusCode\":0");
    assertThat(listener.adapter.status().details())
        .containsEntry(ViidListener.CAMERA + ".lastKeepaliveAt", "2026-12-07T12:00:01Z");

    clock.advance(Duration.ofSeconds(3));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              var s = listener.adapter.status();
              assertThat(s.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
              assertThat(s.lastError()).contains("no keepalive for 2s");
              assertThat(s.details()).containsEntry("registered", "false");
            });
    assertThat(camera.keepalive().body()).contains("\"StatusCode\":4", "is not registered");
  }

  @Test
  void whileAnotherCameraKeepsAliveTheListenerStaysConnected() throws Exception {
    listener =
        new ViidListener()
            .start(
                ViidListener.config().withTimeouts(Duration.ofSeconds(2), Duration.ofMinutes(5)),
                clock);
    ViidTestDevice first = listener.camera();
    ViidTestDevice second = listener.device(ViidListener.CAMERA_2, "other-Pa55");
    first.register();
    second.register();

    clock.advance(Duration.ofMillis(1500));
    second.keepalive();
    clock.advance(Duration.ofMillis(1500));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(listener.adapter.status().details())
                    .containsEntry(ViidListener.CAMERA + ".registered", "false"));
    var s = listener.adapter.status();
    assertThat(s.details())
        .containsEntry(ViidListener.CAMERA_2 + ".registered", "true")
        .containsEntry("registered", "true");
    assertThat(s.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(s.lastError()).contains("device " + ViidListener.CAMERA + ": no keepalive");
  }
}
