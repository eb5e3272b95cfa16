package org.sharpeyes.ingest.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import org.sharpeyes.ingest.config.EmbeddedBrokerConfig;
import org.sharpeyes.ingest.tls.PemIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker's MQTT-over-TLS acceptor, from the PEM files of {@code broker.embedded.tls}.
 *
 * <p>The files are read with {@link PemIdentity}, the same reader that checked them while the
 * config was loaded, so whatever {@code validate} accepts the broker serves. Artemis takes a key
 * store file, not PEM text: the identity goes to it as a PKCS#12 file in the broker's data
 * directory (owner-only), encrypted with a random password that exists only in this process and is
 * new at every start. (Artemis' own PEM key store, {@code keyStoreType=PEMCFG}, fails on a SEC1
 * {@code EC PRIVATE KEY} without the optional curve parameters, and Artemis then starts without the
 * acceptor, logging only a warning.)
 */
final class TlsAcceptor {

  static final String NAME = "mqtts";

  private static final Logger LOG = LoggerFactory.getLogger(TlsAcceptor.class);
  private static final String KEY_STORE_FILE = "tls-identity.p12";

  private TlsAcceptor() {}

  /**
   * Reads the files again (a file removed or replaced since the config was checked is refused with
   * the words {@code validate} uses) and logs whose certificate the broker presents.
   *
   * @throws BrokerStartException naming the key at fault: {@code broker.embedded.tls.certFile: …}
   */
  static PemIdentity identity(EmbeddedBrokerConfig.Tls tls) {
    PemIdentity identity;
    try {
      identity = PemIdentity.read(tls.certFile(), tls.keyFile());
    } catch (PemIdentity.PemProblem p) {
      throw new BrokerStartException(
          "broker.embedded.tls." + p.part().key() + ": " + p.getMessage(), p);
    }
    LOG.info(
        "MQTT over TLS with the certificate of {} (valid until {}) from {}",
        identity.certificate().getSubjectX500Principal().getName(),
        identity.certificate().getNotAfter().toInstant(),
        tls.certFile());
    return identity;
  }

  /**
   * Writes the key store into {@code dataDir} and returns the acceptor's URL: MQTT, TLS 1.2 and 1.3
   * only, publishes refused by the guard dropped rather than the connection closed (as on the plain
   * acceptor).
   */
  static String url(PemIdentity identity, String host, int port, Path dataDir, SecureRandom random)
      throws IOException, GeneralSecurityException {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "broker",
        identity.key(),
        password.toCharArray(),
        identity.chain().toArray(new Certificate[0]));
    Path file = dataDir.resolve(KEY_STORE_FILE);
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      store.store(out, password.toCharArray());
    }
    return "tcp://"
        + host
        + ":"
        + port
        + "?protocols=MQTT;closeMqttConnectionOnPublishAuthorizationFailure=false"
        + ";sslEnabled=true;keyStoreType=PKCS12;keyStorePath="
        + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8)
        + ";keyStorePassword="
        + password
        + ";enabledProtocols=TLSv1.2,TLSv1.3";
  }
}
