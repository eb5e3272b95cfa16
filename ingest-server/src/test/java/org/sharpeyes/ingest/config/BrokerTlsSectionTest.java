package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.config.ConfigProblem;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.ingest.testing.TestCertificates;

/**
 * {@code broker.embedded.tls}: the embedded broker's MQTT-over-TLS listener. Its files are checked
 * while loading, so {@code validate} names the one at fault.
 */
class BrokerTlsSectionTest {

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader = new IngestServerConfigLoader(Map.of());
  private final TestCertificates cityCa = TestCertificates.authority("Example City Sharp Eyes CA");

  @BeforeEach
  void referenceData() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
  }

  private EmbeddedBrokerConfig embedded(String yaml) {
    return loader.parse(yaml, configDir, ConfigOverrides.NONE).orThrow().embeddedBroker();
  }

  private List<String> errorsOf(String yaml) {
    ConfigResult<IngestServerConfig> result = loader.parse(yaml, configDir, ConfigOverrides.NONE);
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  private void brokerFiles() {
    TestCertificates.Issued broker = cityCa.serverCertificate();
    broker.writeChain(configDir.resolve("tls/broker.crt"), cityCa);
    broker.writeKey(configDir.resolve("tls/broker.key"));
  }

  @Test
  void filesAreReadRelativeToTheConfigFileAndThePortIs8883() {
    brokerFiles();

    EmbeddedBrokerConfig embedded =
        embedded(
            "broker: { embedded: { tls: { certFile: tls/broker.crt, keyFile: tls/broker.key } } }");

    assertThat(embedded.tls().certFile()).isEqualTo(configDir.resolve("tls/broker.crt"));
    assertThat(embedded.tls().keyFile()).isEqualTo(configDir.resolve("tls/broker.key"));
    assertThat(embedded.tls().port()).isEqualTo(8883);
    assertThat(embedded.tlsHost()).as("the plain listener's").isEqualTo("127.0.0.1");
  }

  @Test
  void theTlsListenerMayBindAnotherInterfaceThanThePlainOne() {
    brokerFiles();

    EmbeddedBrokerConfig embedded =
        embedded(
            """
            broker:
              embedded:
                host: 127.0.0.1
                tls: { host: 0.0.0.0, port: 8884, certFile: tls/broker.crt, keyFile: tls/broker.key }
            """);

    assertThat(embedded.host()).isEqualTo("127.0.0.1");
    assertThat(embedded.tlsHost()).isEqualTo("0.0.0.0");
    assertThat(embedded.tls().port()).isEqualTo(8884);
  }

  @Test
  void withoutTheSectionThereIsNoTlsListener() {
    assertThat(embedded("").tls()).isNull();
    assertThat(embedded("").tlsHost()).isNull();
  }

  @Test
  void missingFilesAreProblemsAtTheirKeys() {
    assertThat(
            errorsOf(
                "broker: { embedded: { tls: { certFile: nowhere.crt, keyFile: nowhere.key } } }"))
        .containsExactly(
            "broker.embedded.tls.certFile: file "
                + configDir.resolve("nowhere.crt")
                + " does not exist (relative paths start at the config file)");
    assertThat(errorsOf("broker: { embedded: { tls: { certFile: a.crt } } }"))
        .containsExactly(
            "broker.embedded.tls.keyFile: missing — name the PEM files, e.g. tls: { certFile:"
                + " tls/broker.crt, keyFile: tls/broker.key }");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsAProblemAtKeyFile() {
    brokerFiles();
    cityCa.serverCertificate().writeKey(configDir.resolve("tls/other.key"));

    assertThat(
            errorsOf(
                "broker: { embedded: { tls: { certFile: tls/broker.crt, keyFile: tls/other.key }"
                    + " } }"))
        .singleElement()
        .asString()
        .startsWith(
            "broker.embedded.tls.keyFile: the key in "
                + configDir.resolve("tls/other.key")
                + " does not belong to the certificate in "
                + configDir.resolve("tls/broker.crt"));
  }

  @Test
  void anUnusableHostIsAProblemWithTheFix() {
    brokerFiles();

    assertThat(
            errorsOf(
                "broker: { embedded: { tls: { host: 'not a host', certFile: tls/broker.crt,"
                    + " keyFile: tls/broker.key } } }"))
        .containsExactly(
            "broker.embedded.tls.host: 'not a host' is not an IP address or host name — write"
                + " e.g. 0.0.0.0 (every interface) or the address edges reach; leave it out to use"
                + " broker.embedded.host");
  }
}
