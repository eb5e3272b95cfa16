package org.sharpeyes.sims.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.KeyStoreCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's certificates, kept in one directory so that they outlive a restart:
 *
 * <pre>
 * own/gate-server.pfx     key and self-signed certificate (PKCS#12), made on first start
 * own/gate-server.der     the same certificate, for clients to trust
 * trusted/certs/          client certificates trusted (watched: a file put here counts at once)
 * trusted/crl/, issuer/certs/, issuer/crl/
 * rejected/               client certificates refused; move one to trusted/certs/ to trust it
 * </pre>
 *
 * Milo's {@link FileBasedTrustListManager} and {@link FileBasedCertificateQuarantine} keep the
 * trust list and the rejected directory. Close it to stop the trust list's watcher thread.
 */
final class GatePki implements AutoCloseable {

  static final String KEY_STORE = "own/gate-server.pfx";
  static final String CERTIFICATE = "own/gate-server.der";
  static final String REJECTED = "rejected";
  static final String TRUSTED_CERTS = "trusted/certs";

  private static final Logger log = LoggerFactory.getLogger(GatePki.class);

  private final FileBasedTrustListManager trustList;
  private final CertificateManager certificateManager;
  private final X509Certificate certificate;

  private GatePki(
      FileBasedTrustListManager trustList,
      CertificateManager certificateManager,
      X509Certificate certificate) {
    this.trustList = trustList;
    this.certificateManager = certificateManager;
    this.certificate = certificate;
  }

  /**
   * Opens (or on first use creates) the PKI directory; generating the key and certificate (RSA
   * 2048) takes a second or two.
   *
   * @param hostnames names and addresses the certificate is for (loopback ones are always in)
   * @param trustAllClients accept every client certificate (tests, demos), instead of the trust
   *     list
   */
  static GatePki open(
      Path dir,
      String applicationUri,
      List<String> hostnames,
      boolean trustAllClients,
      Supplier<char[]> keyStorePassword)
      throws Exception {
    Files.createDirectories(dir.resolve("own"));
    FileBasedTrustListManager trustList = FileBasedTrustListManager.createAndInitialize(dir);
    try {
      var quarantine = FileBasedCertificateQuarantine.create(dir.resolve(REJECTED));
      CertificateValidator validator =
          trustAllClients
              ? new TrustingValidator()
              : new DefaultServerCertificateValidator(trustList, quarantine);
      boolean existed = Files.exists(dir.resolve(KEY_STORE));
      var store =
          KeyStoreCertificateStore.createAndInitialize(
              new KeyStoreCertificateStore.Settings(
                  dir.resolve(KEY_STORE), keyStorePassword, alias -> keyStorePassword.get()));
      var factory = new SelfSignedFactory(applicationUri, hostnames);
      var group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory, validator);
      X509Certificate certificate =
          group.getCertificateChain(NodeIds.RsaSha256ApplicationCertificateType)
              .orElseThrow(() -> new IOException("no certificate in " + dir.resolve(KEY_STORE)))[0];
      Files.write(dir.resolve(CERTIFICATE), certificate.getEncoded());
      log.info(
          "{} application certificate in {} (SHA-1 {})",
          existed ? "reusing the" : "created an",
          dir.resolve(KEY_STORE),
          sha1(certificate));
      return new GatePki(trustList, new DefaultCertificateManager(quarantine, group), certificate);
    } catch (Exception e) {
      trustList.close();
      throw e;
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  CertificateManager certificateManager() {
    return certificateManager;
  }

  @Override
  public void close() throws IOException {
    trustList.close();
  }

  private static String sha1(X509Certificate c) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(c.getEncoded());
    return java.util.HexFormat.of().formatHex(digest);
  }

  /** Makes the self-signed application certificate that the key store keeps. */
  private static final class SelfSignedFactory extends RsaSha256CertificateFactory {
    private final String applicationUri;
    private final List<String> hostnames;

    SelfSignedFactory(String applicationUri, List<String> hostnames) {
      this.applicationUri = applicationUri;
      this.hostnames = hostnames;
    }

    @Override
    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
      var builder =
          new SelfSignedCertificateBuilder(keyPair)
              .setCommonName("Sharp Eyes gate simulator")
              .setOrganization("Sharp Eyes device-sims")
              .setApplicationUri(applicationUri)
              .addDnsName("localhost")
              .addIpAddress("127.0.0.1");
      for (String h : hostnames) {
        if (h.equals("localhost") || h.equals("127.0.0.1")) {
          continue;
        }
        if (h.matches("[0-9.]+") || h.contains(":")) {
          builder.addIpAddress(h);
        } else {
          builder.addDnsName(h);
        }
      }
      return new X509Certificate[] {builder.build()};
    }
  }

  /** Accepts every client certificate: for tests and demos only (--trust-all-clients). */
  private static final class TrustingValidator implements CertificateValidator {
    @Override
    public void validateCertificateChain(
        List<X509Certificate> chain, String applicationUri, String[] validHostnames) {
      log.debug("trusting client certificate {}", chain.get(0).getSubjectX500Principal());
    }
  }
}
