package org.sharpeyes.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.testing.TestCertificates;

/**
 * The embedded broker's TLS listener takes every kind of PEM key the config check accepts, and
 * refuses to start on files that went bad after the config was checked, naming the key at fault.
 */
class EmbeddedBrokerTlsFilesTest {

  /** A space in every path: the files are named to Artemis in a URL and a properties file. */
  @TempDir Path tmp;

  private final TestCertificates cityCa = TestCertificates.authority("Example City Sharp Eyes CA");

  /** How OpenSSL and others write a server's key. */
  enum KeyKind {
    EC_PKCS8(false, false),
    EC_SEC1(false, true),
    RSA_PKCS8(true, false),
    RSA_PKCS1(true, true),
    ED25519(false, false);

    final boolean rsa;
    final boolean traditional;

    KeyKind(boolean rsa, boolean traditional) {
      this.rsa = rsa;
      this.traditional = traditional;
    }
  }

  private EmbeddedBrokerConfig config(EmbeddedBrokerConfig.Tls tls) {
    return new EmbeddedBrokerConfig(true, "127.0.0.1", 0, tmp.resolve("broker data")).withTls(tls);
  }

  private EmbeddedBrokerConfig.Tls files(TestCertificates.Issued issued, boolean traditionalKey) {
    Path cert = issued.writeChain(tmp.resolve("tls files/broker.crt"), cityCa);
    Path key =
        traditionalKey
            ? issued.writeTraditionalKey(tmp.resolve("tls files/broker.key"))
            : issued.writeKey(tmp.resolve("tls files/broker.key"));
    return new EmbeddedBrokerConfig.Tls(0, cert, key);
  }

  /** A TLS handshake as an edge trusting the city CA makes it, host name checked. */
  private SSLSession handshake(URI url) throws IOException {
    try (SSLSocket socket =
        (SSLSocket)
            cityCa.clientContext().getSocketFactory().createSocket(url.getHost(), url.getPort())) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyKind.class)
  void theBrokerPresentsItsCertificateWithEveryKindOfKeyFile(KeyKind kind) throws Exception {
    KeyPair keys =
        kind == KeyKind.ED25519
            ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
            : kind.rsa ? TestCertificates.rsaKeyPair() : null;
    TestCertificates.Issued issued =
        keys == null
            ? cityCa.serverCertificate()
            : cityCa.serverCertificate("localhost", "127.0.0.1", keys);

    try (EmbeddedBroker broker =
        EmbeddedBroker.startOpen(config(files(issued, kind.traditional)))) {
      SSLSession session = handshake(broker.tlsClientUrl());

      assertThat((X509Certificate) session.getPeerCertificates()[0])
          .isEqualTo(issued.certificate());
      assertThat(session.getPeerCertificates()).hasSize(2); // the whole chain file
      assertThat(session.getProtocol()).isIn("TLSv1.2", "TLSv1.3");
    }
  }

  @Test
  void theTlsListenerMayBindAnInterfaceOfItsOwn() throws Exception {
    EmbeddedBrokerConfig.Tls tls = files(cityCa.serverCertificate(), false);
    EmbeddedBrokerConfig.Tls onLocalhost =
        new EmbeddedBrokerConfig.Tls("localhost", 0, tls.certFile(), tls.keyFile());

    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(onLocalhost))) {
      assertThat(broker.clientUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(broker.tlsClientUrl().getHost()).isEqualTo("localhost");
      assertThat(handshake(broker.tlsClientUrl()).getPeerCertificates()).isNotEmpty();
    }
  }

  @Test
  void withoutTlsThereIsNoTlsListener() {
    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(null))) {
      assertThat(broker.tlsClientUrl()).isNull();
      assertThat(broker.tlsPort()).isEqualTo(-1);
    }
  }

  @Test
  void aCertificateFileRemovedSinceTheConfigWasCheckedStopsTheStartAtItsKey() throws Exception {
    EmbeddedBrokerConfig.Tls tls = files(cityCa.serverCertificate(), false);
    Files.delete(tls.certFile());

    assertThatThrownBy(() -> EmbeddedBroker.startOpen(config(tls)))
        .isInstanceOf(BrokerStartException.class)
        .hasMessage(
            "broker.embedded.tls.certFile: file "
                + tls.certFile()
                + " does not exist (relative paths start at the config file)");
  }

  @Test
  void aKeyReplacedByAnotherCertificatesKeyStopsTheStartAtItsKey() {
    EmbeddedBrokerConfig.Tls tls = files(cityCa.serverCertificate(), false);
    cityCa.serverCertificate().writeKey(tls.keyFile());

    assertThatThrownBy(() -> EmbeddedBroker.startOpen(config(tls)))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageStartingWith(
            "broker.embedded.tls.keyFile: the key in "
                + tls.keyFile()
                + " does not belong to the certificate in "
                + tls.certFile());
  }

  @Test
  void aTlsPortTakenByAnotherProgramStopsTheStart() throws Exception {
    EmbeddedBrokerConfig.Tls tls = files(cityCa.serverCertificate(), false);
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedBrokerConfig.Tls taken = tls.withPort(other.getLocalPort());

      assertThatThrownBy(() -> EmbeddedBroker.startOpen(config(taken)))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("and TLS on 127.0.0.1:" + other.getLocalPort());
    }
  }

  @Test
  void theBrokerKeepsNoPlainCopyOfThePrivateKey() throws Exception {
    TestCertificates.Issued issued = cityCa.serverCertificate();
    byte[] key = issued.keys().getPrivate().getEncoded();
    String keyPem = Files.readString(files(issued, false).keyFile());

    try (EmbeddedBroker broker = EmbeddedBroker.startOpen(config(files(issued, false)))) {
      assertThat(handshake(broker.tlsClientUrl()).getPeerCertificates()).isNotEmpty();
      try (Stream<Path> written = Files.walk(tmp.resolve("broker data"))) {
        for (Path file : written.filter(Files::isRegularFile).toList()) {
          byte[] bytes = Files.readAllBytes(file);
          assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain(new String(key, StandardCharsets.ISO_8859_1))
              .doesNotContain(keyPem.lines().skip(1).findFirst().orElseThrow());
        }
      }
    }
  }
}
