package org.sharpeyes.edge.adapter.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.edge.adapter.ConnectionState;
import org.sharpeyes.edge.adapter.RuntimeState;
import org.sharpeyes.sims.gate.GateSecurity;
import org.sharpeyes.sims.gate.GateSimulatorExtension;

/**
 * A controller that refuses the link as configured: the adapter says why in words, shows ERROR,
 * stays started, and tries again after its backoff — not in a loop.
 */
class GateLinkRefusedTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Offers SecurityPolicy None only. */
  @RegisterExtension static GateSimulatorExtension plain = GateSimulatorExtension.builder().build();

  /** Offers Basic256Sha256 SignAndEncrypt only, and takes any client certificate. */
  @RegisterExtension
  static GateSimulatorExtension secured =
      GateSimulatorExtension.builder()
          .security(GateSecurity.SIGN_ENCRYPT)
          .options(o -> o.trustAllClients(true))
          .build();

  @TempDir Path pki;
  private final GateFixture fixture = new GateFixture();

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aPolicyTheServerDoesNotOfferIsAnErrorInWordsRetriedWithBackoff() {
    GateAdapter adapter =
        fixture.adapter(
            GateFixture.device(
                plain.endpointUrl(),
                pki,
                "securityPolicy: Basic256Sha256",
                "securityMode: SignAndEncrypt"),
            Map.of(),
            GateFixture.NO_JITTER);
    long started = System.nanoTime();

    adapter.start().join();

    await().atMost(WAIT).until(() -> adapter.counters().connectAttempts() >= 4);
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    var status = adapter.status();
    assertThat(status.runtimeState()).isEqualTo(RuntimeState.STARTED);
    assertThat(status.connectionState()).isEqualTo(ConnectionState.ERROR);
    assertThat(status.lastError())
        .isEqualTo(
            "security policy Basic256Sha256 with SignAndEncrypt not offered by the server (it"
                + " offers: None)");
    // Backoff 100ms..400ms without jitter: 200 + 400 + 400 ms before the 4th attempt.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
    assertThat(adapter.counters().connectAttempts()).isLessThanOrEqualTo(2 + elapsedMs / 400);
    double refusals =
        fixture
            .meters
            .get("sharpeyes.edge.device.faults")
            .tag("kind", "link-refused")
            .counter()
            .count();
    assertThat(refusals).isBetween(3.0, (double) adapter.counters().connectAttempts());
  }

  @Test
  void anUntrustedServerCertificateIsAnErrorThatSaysWhereToPutIt() throws Exception {
    GateAdapter adapter =
        fixture.adapter(
            GateFixture.device(secured.endpointUrl(), pki, "securityPolicy: Basic256Sha256"));

    adapter.start().join();

    await().atMost(WAIT).until(() -> adapter.status().connectionState() == ConnectionState.ERROR);
    String thumbprint = GateCertificates.thumbprint(secured.serverCertificate());
    assertThat(adapter.status().lastError())
        .startsWith(
            "server certificate not trusted: put it in "
                + pki.resolve("trusted/certs")
                + " (its SHA-1 thumbprint "
                + thumbprint
                + "; a copy is in "
                + pki.resolve("rejected")
                + ")");
    assertThat(adapter.status().runtimeState()).isEqualTo(RuntimeState.STARTED);
    Path rejected = rejectedCopy(secured.serverCertificate().getEncoded());

    Files.copy(rejected, pki.resolve("trusted/certs").resolve(rejected.getFileName()));

    await()
        .atMost(WAIT)
        .until(() -> adapter.status().connectionState() == ConnectionState.CONNECTED);
    assertThat(adapter.counters().connects()).isEqualTo(1);
  }

  @Test
  void trustOnFirstUseTrustsTheFirstCertificateAndKeepsIt() throws Exception {
    GateAdapter adapter =
        fixture.adapter(
            GateFixture.device(
                secured.endpointUrl(),
                pki,
                "securityPolicy: Basic256Sha256",
                "trustOnFirstUse: true"));

    adapter.start().join();

    await().atMost(WAIT).until(() -> adapter.counters().connects() == 1);
    try (Stream<Path> trusted = Files.list(pki.resolve("trusted/certs"))) {
      assertThat(trusted.toList())
          .singleElement()
          .satisfies(
              f ->
                  assertThat(Files.readAllBytes(f))
                      .isEqualTo(secured.serverCertificate().getEncoded()));
    }
  }

  private Path rejectedCopy(byte[] encoded) throws IOException {
    try (Stream<Path> files = Files.list(pki.resolve("rejected"))) {
      List<Path> all = files.toList();
      for (Path f : all) {
        if (Arrays.equals(Files.readAllBytes(f), encoded)) {
          return f;
        }
      }
      throw new AssertionError("the refused certificate is not in rejected/: " + all);
    }
  }
}
