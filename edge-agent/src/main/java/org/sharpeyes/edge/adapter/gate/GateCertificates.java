package org.sharpeyes.edge.adapter.gate;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate adapters' certificates, in their PKI directory:
 *
 * <pre>
 * own/edge-agent-gate.der   our application certificate (self-signed, RSA 2048), made on first use
 * own/edge-agent-gate.key   its private key (PKCS#8, readable by the owner only)
 * trusted/certs/            server certificates we trust (DER or PEM; read at every connect)
 * rejected/                 server certificates refused (Milo's quarantine, at most 128)
 * </pre>
 *
 * The trust list is read again at every connection attempt, so a certificate moved from {@code
 * rejected/} to {@code trusted/certs/} counts at the next retry. Thread-safe.
 */
final class GateCertificates {

  static final String CERTIFICATE_FILE = "edge-agent-gate.der";
  static final String KEY_FILE = "edge-agent-gate.key";
  static final String TRUSTED = "trusted/certs";
  static final String REJECTED = "rejected";
  static final int MAX_TRUSTED = 256;

  private static final Logger log = LoggerFactory.getLogger(GateCertificates.class);
  private static final Object CREATING = new Object();

  private final Path dir;
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final CertificateQuarantine quarantine;

  private GateCertificates(
      Path dir, KeyPair keyPair, X509Certificate certificate, CertificateQuarantine quarantine) {
    this.dir = dir;
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.quarantine = quarantine;
  }

  /**
   * Opens the PKI directory, creating what is missing, and copies {@code trusted} into its trust
   * list. Takes a second or two when it makes our certificate.
   *
   * @param applicationUri put in a new certificate; a kept one keeps its own
   * @param own whether we need our own certificate (secure channels)
   * @throws IOException when the directory or a file cannot be used
   */
  static GateCertificates open(Path dir, String applicationUri, List<Path> trusted, boolean own)
      throws IOException {
    Files.createDirectories(dir.resolve("own"));
    Files.createDirectories(dir.resolve(TRUSTED));
    var quarantine = FileBasedCertificateQuarantine.create(dir.resolve(REJECTED));
    for (Path file : trusted) {
      X509Certificate c = read(file);
      Files.write(dir.resolve(TRUSTED).resolve(thumbprint(c) + ".der"), encoded(c));
    }
    if (!own) {
      return new GateCertificates(dir, null, null, quarantine);
    }
    synchronized (CREATING) {
      Path cert = dir.resolve("own").resolve(CERTIFICATE_FILE);
      Path key = dir.resolve("own").resolve(KEY_FILE);
      if (!Files.exists(cert) || !Files.exists(key)) {
        create(cert, key, applicationUri);
      }
      try {
        X509Certificate c = read(cert);
        PrivateKey k =
            KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(key)));
        return new GateCertificates(dir, new KeyPair(c.getPublicKey(), k), c, quarantine);
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot read our key " + key + ": " + e.getMessage(), e);
      }
    }
  }

  KeyPair keyPair() {
    return keyPair;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** The application URI in our certificate; {@code fallback} when we have none. */
  String applicationUri(String fallback) {
    return certificate == null ? fallback : CertificateUtil.getSanUri(certificate).orElse(fallback);
  }

  /** A validator over the certificates in {@code trusted/certs} as they are now. */
  CertificateValidator validator() {
    var trust = new MemoryTrustListManager();
    trust.setTrustedCertificates(trustedNow());
    return new DefaultClientCertificateValidator(trust, quarantine);
  }

  /**
   * Checks the server's certificate against the trust list. With {@code trustOnFirstUse} and an
   * empty trust list, the certificate is trusted from now on, with a warning.
   *
   * @throws GateLinkException (refused) saying where to put the certificate to trust it
   */
  void checkServer(List<X509Certificate> chain, boolean trustOnFirstUse, String where)
      throws GateLinkException {
    if (chain.isEmpty()) {
      throw GateLinkException.refused(where + " sent no certificate for a secured endpoint");
    }
    X509Certificate server = chain.get(0);
    String thumbprint = thumbprint(server);
    if (trustOnFirstUse && trustedNow().isEmpty()) {
      try {
        Files.write(dir.resolve(TRUSTED).resolve(thumbprint + ".der"), encoded(server));
      } catch (IOException e) {
        throw GateLinkException.refused("cannot write to " + dir.resolve(TRUSTED) + ": " + e);
      }
      log.warn(
          "TRUST ON FIRST USE: trusting the certificate of {} ({}, SHA-1 thumbprint {}) without"
              + " checking it. Compare the thumbprint with the controller's, then set"
              + " trustOnFirstUse: false — it is now in {}",
          where,
          server.getSubjectX500Principal().getName(),
          thumbprint,
          dir.resolve(TRUSTED));
      return;
    }
    try {
      validator().validateCertificateChain(chain, null, null);
    } catch (UaException e) {
      throw GateLinkException.refused(
          "server certificate not trusted: put it in "
              + dir.resolve(TRUSTED)
              + " (its SHA-1 thumbprint "
              + thumbprint
              + "; a copy is in "
              + dir.resolve(REJECTED)
              + ") — "
              + GateErrors.name(e.getStatusCode().getValue()));
    }
  }

  /** The SHA-1 thumbprint of a certificate in hex, as OPC UA and most tools show it. */
  static String thumbprint(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(encoded(c)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<X509Certificate> trustedNow() {
    List<X509Certificate> certificates = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve(TRUSTED))) {
      files
          .filter(Files::isRegularFile)
          .sorted()
          .limit(MAX_TRUSTED)
          .forEach(
              f -> {
                try {
                  certificates.add(read(f));
                } catch (IOException e) {
                  log.warn("ignoring {} in the trust list: {}", f, e.getMessage());
                }
              });
    } catch (IOException e) {
      log.warn("cannot read the trust list {}: {}", dir.resolve(TRUSTED), e.toString());
    }
    return certificates;
  }

  private static void create(Path cert, Path key, String applicationUri) throws IOException {
    try {
      KeyPair pair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
      var builder =
          new SelfSignedCertificateBuilder(pair)
              .setCommonName("Sharp Eyes edge agent")
              .setOrganization("Sharp Eyes")
              .setApplicationUri(applicationUri)
              .addDnsName("localhost")
              .addIpAddress("127.0.0.1");
      String host = localHostName();
      if (host != null && !host.equals("localhost")) {
        builder.addDnsName(host);
      }
      X509Certificate c = builder.build();
      Path keyTemp = key.resolveSibling(KEY_FILE + ".tmp");
      Files.deleteIfExists(keyTemp);
      try {
        Files.createFile(
            keyTemp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(keyTemp);
      }
      Files.write(keyTemp, pair.getPrivate().getEncoded());
      Files.move(keyTemp, key, StandardCopyOption.ATOMIC_MOVE);
      Files.write(cert, c.getEncoded());
      log.info(
          "made the gate adapters' application certificate {} (SHA-1 thumbprint {}): give it to"
              + " controllers that must trust us",
          cert,
          thumbprint(c));
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot make our application certificate: " + e.getMessage(), e);
    }
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static X509Certificate read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IOException(file + " is not an X.509 certificate (DER or PEM)", e);
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
