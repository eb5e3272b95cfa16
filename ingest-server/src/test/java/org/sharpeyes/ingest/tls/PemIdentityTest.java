package org.sharpeyes.ingest.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.testing.TestCertificates;

/** Reading a server's certificate chain and key from the PEM files OpenSSL and others write. */
class PemIdentityTest {

  @TempDir Path dir;

  private final TestCertificates ca = TestCertificates.authority("Test City CA");

  @Test
  void aChainFileKeepsTheServersCertificateFirstAndItsIssuerAfter() throws Exception {
    TestCertificates.Issued server = ca.serverCertificate();

    PemIdentity identity =
        PemIdentity.read(
            server.writeChain(dir.resolve("chain.pem"), ca), server.writeKey(dir.resolve("k.pem")));

    assertThat(identity.chain()).containsExactly(server.certificate(), ca.certificate());
    assertThat(identity.certificatesPem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(identity.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  @Test
  void anEcKeyInTheOlderSec1FormIsReadToo() throws Exception {
    TestCertificates.Issued server = ca.serverCertificate();
    Path key = server.writeTraditionalKey(dir.resolve("k.pem"));

    PemIdentity identity = PemIdentity.read(server.writeCertificate(dir.resolve("c.pem")), key);

    assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(identity.key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void anRsaKeyInThePkcs1FormIsReadAndCheckedAgainstItsCertificate() throws Exception {
    TestCertificates.Issued server =
        ca.serverCertificate("localhost", "127.0.0.1", TestCertificates.rsaKeyPair());
    Path key = server.writeTraditionalKey(dir.resolve("k.pem"));

    PemIdentity identity = PemIdentity.read(server.writeCertificate(dir.resolve("c.pem")), key);

    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(identity.key().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void anEcKeyForAnRsaCertificateIsNotReadableAsItsKind() {
    TestCertificates.Issued rsa =
        ca.serverCertificate("localhost", "127.0.0.1", TestCertificates.rsaKeyPair());

    assertThatThrownBy(
            () ->
                PemIdentity.read(
                    rsa.writeCertificate(dir.resolve("c.pem")),
                    ca.serverCertificate().writeKey(dir.resolve("k.pem"))))
        .hasMessageStartingWith(
            "the key in " + dir.resolve("k.pem") + " is not a readable RSA key");
  }

  @Test
  void aFileThatIsADirectoryIsNamedAsSuch() {
    assertThatThrownBy(() -> PemIdentity.read(dir, dir.resolve("k.pem")))
        .isInstanceOf(PemIdentity.PemProblem.class)
        .hasMessage(dir + " is a directory — name the PEM file in it")
        .extracting(p -> ((PemIdentity.PemProblem) p).part())
        .isEqualTo(PemIdentity.Part.CERT_FILE);
  }
}
