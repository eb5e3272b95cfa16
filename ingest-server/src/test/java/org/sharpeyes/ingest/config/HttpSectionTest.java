package org.sharpeyes.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The {@code http} section: where the server listens and how much blocking work it takes on. */
class HttpSectionTest {

  @TempDir Path configDir;

  private final IngestServerConfigLoader loader = new IngestServerConfigLoader(Map.of());

  @BeforeEach
  void referenceData() throws Exception {
    Files.createDirectories(configDir.resolve("demo-city"));
  }

  private HttpConfig http(String yaml) {
    return loader.parse(yaml, configDir, ConfigOverrides.NONE).orThrow().http();
  }

  private List<String> errorsOf(String yaml) {
    ConfigResult<IngestServerConfig> result = loader.parse(yaml, configDir, ConfigOverrides.NONE);
    assertThat(result).isInstanceOf(ConfigResult.Failure.class);
    return result.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void withoutTheKeysTheApiHasFourWorkerThreadsAnd64RequestsPending() {
    HttpConfig http = http("");

    assertThat(http.workerThreads()).isEqualTo(4);
    assertThat(http.maxPendingRequests()).isEqualTo(64);
  }

  @Test
  void workerThreadsAndPendingRequestsAreTakenFromTheFile() {
    HttpConfig http = http("http: { port: 9000, workerThreads: 16, maxPendingRequests: 500 }");

    assertThat(http.port()).isEqualTo(9000);
    assertThat(http.workerThreads()).isEqualTo(16);
    assertThat(http.maxPendingRequests()).isEqualTo(500);
  }

  @Test
  void boundsOutOfRangeAreProblemsWithTheRange() {
    assertThat(errorsOf("http: { workerThreads: 0, maxPendingRequests: 20000 }"))
        .containsExactlyInAnyOrder(
            "http.workerThreads: 0 is out of range — expected 1..64",
            "http.maxPendingRequests: 20000 is out of range — expected 1..10000");
  }

  @Test
  void fewerPendingRequestsThanWorkerThreadsIsAProblemWithTheFix() {
    assertThat(errorsOf("http: { workerThreads: 32, maxPendingRequests: 8 }"))
        .containsExactly(
            "http.maxPendingRequests: 8 is fewer than workerThreads (32), so some workers would"
                + " never run — raise it to at least 32");
  }

  @Test
  void aPortFromTheCommandLineKeepsTheBoundsOfTheFile() {
    HttpConfig http =
        loader
            .parse(
                "http: { workerThreads: 2, maxPendingRequests: 10 }",
                configDir,
                new ConfigOverrides(0, null, null, null))
            .orThrow()
            .http();

    assertThat(http.port()).isZero();
    assertThat(http.workerThreads()).isEqualTo(2);
    assertThat(http.maxPendingRequests()).isEqualTo(10);
  }

  @Test
  void boundsBuiltInCodeFollowTheRulesOfTheFile() {
    assertThatThrownBy(() -> new HttpConfig("127.0.0.1", 0, 65, 100))
        .hasMessageContaining("http.workerThreads must be 1..64");
    assertThatThrownBy(() -> new HttpConfig("127.0.0.1", 0, 8, 4))
        .hasMessageContaining("http.maxPendingRequests must be from http.workerThreads (8)");
    assertThat(new HttpConfig("127.0.0.1", 0).withPort(8081).maxPendingRequests()).isEqualTo(64);
  }

  @Test
  void tlsFilesAreReadRelativeToTheConfigFile() {
    TestCertificates ca = TestCertificates.authority("Test City CA");
    TestCertificates.Issued server = ca.serverCertificate();
    server.writeChain(configDir.resolve("tls/server.crt"), ca);
    server.writeKey(configDir.resolve("tls/server.key"));

    HttpConfig http = http("http: { tls: { certFile: tls/server.crt, keyFile: tls/server.key } }");

    assertThat(http.tls().certFile()).isEqualTo(configDir.resolve("tls/server.crt"));
    assertThat(http.tls().keyFile()).isEqualTo(configDir.resolve("tls/server.key"));
    assertThat(http.scheme()).isEqualTo("https");
  }

  @Test
  void withoutTlsTheApiIsPlainHttp() {
    assertThat(http("").tls()).isNull();
    assertThat(http("").scheme()).isEqualTo("http");
  }

  @Test
  void missingTlsFilesAreProblemsAtTheirKeys() {
    assertThat(errorsOf("http: { tls: { certFile: nowhere.crt, keyFile: nowhere.key } }"))
        .containsExactly(
            "http.tls.certFile: file "
                + configDir.resolve("nowhere.crt")
                + " does not exist (relative paths start at the config file)");
    assertThat(errorsOf("http: { tls: { certFile: a.crt } }"))
        .containsExactly(
            "http.tls.keyFile: missing — name the PEM files, e.g. tls: { certFile: tls/server.crt,"
                + " keyFile: tls/server.key }");
  }

  @Test
  void aKeyOfAnotherCertificateIsAProblemAtKeyFile() {
    TestCertificates ca = TestCertificates.authority("Test City CA");
    ca.serverCertificate().writeCertificate(configDir.resolve("server.crt"));
    ca.serverCertificate().writeKey(configDir.resolve("other.key"));

    assertThat(errorsOf("http: { tls: { certFile: server.crt, keyFile: other.key } }"))
        .singleElement()
        .asString()
        .startsWith("http.tls.keyFile: the key in " + configDir.resolve("other.key"))
        .contains("does not belong to the certificate in " + configDir.resolve("server.crt"));
  }

  @Test
  void aCertificateFileWithoutACertificateIsAProblemWithWhatToWrite() throws Exception {
    TestCertificates.Issued server = TestCertificates.authority("Test City CA").serverCertificate();
    server.writeKey(configDir.resolve("server.key"));

    assertThat(errorsOf("http: { tls: { certFile: server.key, keyFile: server.key } }"))
        .singleElement()
        .asString()
        .startsWith("http.tls.certFile: no certificate in " + configDir.resolve("server.key"))
        .contains("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void anEncryptedKeyIsAProblemSayingHowToWriteItUnencrypted() throws Exception {
    TestCertificates.Issued server = TestCertificates.authority("Test City CA").serverCertificate();
    server.writeCertificate(configDir.resolve("server.crt"));
    Files.writeString(
        configDir.resolve("server.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");

    assertThat(errorsOf("http: { tls: { certFile: server.crt, keyFile: server.key } }"))
        .singleElement()
        .asString()
        .startsWith(
            "http.tls.keyFile: the key in " + configDir.resolve("server.key") + " is encrypted")
        .contains("openssl pkey");
  }
}
