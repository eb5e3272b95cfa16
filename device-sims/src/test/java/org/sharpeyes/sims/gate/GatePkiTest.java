package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatePkiTest {

  @TempDir Path pki;

  private GateSimulatorOptions options() {
    return GateSimulatorOptions.builder()
        .port(0)
        .doors(1)
        .security(GateSecurity.SIGN_ENCRYPT)
        .pkiDir(pki)
        .build();
  }

  @Test
  void theCertificateIsMadeOnTheFirstStartKeptInThePkiDirAndReusedByTheNextStart()
      throws Exception {
    X509Certificate first;
    try (GateSimulator simulator = GateSimulator.create(options())) {
      simulator.start();
      first = simulator.serverCertificate();
    }
    assertThat(pki.resolve("own/gate-server.pfx")).isRegularFile();
    assertThat(Files.readAllBytes(pki.resolve("own/gate-server.der")))
        .isEqualTo(first.getEncoded());
    assertThat(pki.resolve("trusted/certs")).isDirectory();
    assertThat(pki.resolve("rejected")).isDirectory();

    try (GateSimulator simulator = GateSimulator.create(options())) {
      simulator.start();

      assertThat(simulator.serverCertificate()).isEqualTo(first);
    }
  }

  @Test
  void aRestartKeepsThePortAndAConnectedClientRecoversByItself() throws Exception {
    GateSimulatorOptions options = options().toBuilder().security(GateSecurity.NONE).build();
    try (GateSimulator simulator = GateSimulator.create(options)) {
      simulator.start();
      int port = simulator.port();
      OpcUaClient client =
          GateClients.connect(
              simulator.endpointUrl(), GateSecurity.Endpoint.NONE, simulator.serverCertificate());
      var state = GateClients.node(client, GateAddressSpace.doorVariableNodeId(1, "State"));

      simulator.restart();
      simulator.force(1);

      assertThat(simulator.port()).isEqualTo(port);
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(
              () -> client.readValue(0, TimestampsToReturn.Neither, state).value().value(),
              "forced"::equals);
      client.disconnect();
    }
  }
}
