package org.sharpeyes.sims.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sharpeyes.sims.gate.GateClients.ClientIdentity;

/** Every endpoint, users without anonymous access, and the trust list in the PKI directory. */
class GateSecurityTest {

  @RegisterExtension
  static GateSimulatorExtension gate =
      GateSimulatorExtension.builder()
          .doors(1)
          .security(GateSecurity.ALL)
          .options(o -> o.anonymous(false).user("guard", "s3cret-for-tests"))
          .build();

  private static ClientIdentity trusted;
  private static ClientIdentity stranger;

  @BeforeAll
  static void clientCertificates() throws Exception {
    trusted = GateClients.newClientCertificate();
    stranger = GateClients.newClientCertificate();
    Files.write(
        gate.pkiDir().resolve("trusted/certs/trusted-client.der"),
        trusted.certificate().getEncoded());
  }

  private static OpcUaClient connect(GateSecurity.Endpoint endpoint, ClientIdentity client)
      throws UaException {
    return GateClients.connect(
        gate.endpointUrl(),
        endpoint,
        gate.serverCertificate(),
        client,
        new UsernameProvider("guard", "s3cret-for-tests"));
  }

  private static String readState(OpcUaClient client) throws UaException {
    return (String)
        client
            .readValue(
                0,
                TimestampsToReturn.Neither,
                GateClients.node(client, GateAddressSpace.doorVariableNodeId(1, "State")))
            .value()
            .value();
  }

  @Test
  void aUserWithTheRightPasswordIsAdmittedWhileAWrongPasswordAndAnonymousAreRefused()
      throws Exception {
    OpcUaClient client = connect(GateSecurity.Endpoint.NONE, null);
    assertThat(readState(client)).isEqualTo("closed");
    client.disconnect();

    assertThatThrownBy(
            () ->
                GateClients.connect(
                    gate.endpointUrl(),
                    GateSecurity.Endpoint.NONE,
                    gate.serverCertificate(),
                    null,
                    new UsernameProvider("guard", "wrong")))
        .isInstanceOf(UaException.class);
    assertThatThrownBy(
            () ->
                GateClients.connect(
                    gate.endpointUrl(),
                    GateSecurity.Endpoint.NONE,
                    gate.serverCertificate(),
                    null,
                    new AnonymousProvider()))
        .isInstanceOf(UaException.class);
  }

  @Test
  void aClientWithATrustedCertificateIsAdmittedOnSignAndOnSignAndEncrypt() {
    for (GateSecurity.Endpoint endpoint :
        List.of(GateSecurity.Endpoint.SIGN, GateSecurity.Endpoint.SIGN_ENCRYPT)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                OpcUaClient client = connect(endpoint, trusted);
                assertThat(readState(client)).isEqualTo("closed");
                client.disconnect();
              });
    }
  }

  @Test
  void anUntrustedClientCertificateIsRefusedAndLandsInRejectedUntilMovedToTrustedCerts()
      throws Exception {
    assertThatThrownBy(() -> connect(GateSecurity.Endpoint.SIGN_ENCRYPT, stranger))
        .isInstanceOf(UaException.class);
    Path rejected = rejectedFileOf(stranger);

    Files.move(rejected, gate.pkiDir().resolve("trusted/certs").resolve(rejected.getFileName()));

    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              OpcUaClient client = connect(GateSecurity.Endpoint.SIGN_ENCRYPT, stranger);
              assertThat(readState(client)).isEqualTo("closed");
              client.disconnect();
            });
  }

  private static Path rejectedFileOf(ClientIdentity client) throws Exception {
    byte[] encoded = client.certificate().getEncoded();
    try (Stream<Path> files = Files.list(gate.pkiDir().resolve("rejected"))) {
      return files
          .filter(
              f -> {
                try {
                  return java.util.Arrays.equals(Files.readAllBytes(f), encoded);
                } catch (java.io.IOException e) {
                  return false;
                }
              })
          .findFirst()
          .orElseThrow(() -> new AssertionError("the refused certificate is not in rejected/"));
    }
  }
}
