package org.sharpeyes.ingest.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by a test for a test: a certificate authority of its own, server certificates
 * it signs (for {@code 127.0.0.1} and {@code localhost} in the subject alternative names, as a TLS
 * client checks them), PEM files of both, and a client {@link SSLContext} trusting only this CA.
 * Keys are EC P-256 (fast to make). Nothing is read from or written to a shared place.
 */
public final class TestCertificates {

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
  private static final Duration VALIDITY = Duration.ofDays(2);

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private TestCertificates(String name, KeyPair caKeys, X509Certificate caCertificate) {
    this.name = name;
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** A new certificate authority named {@code CN=name} (self-signed). */
  public static TestCertificates authority(String name) {
    KeyPair keys = newKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          builder(subject, subject, keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new TestCertificates(name, keys, sign(b, keys));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test CA", e);
    }
  }

  /** The CA's own certificate (what clients trust). */
  public X509Certificate certificate() {
    return caCertificate;
  }

  /** The CA's name, as given. */
  public String name() {
    return name;
  }

  /** A server certificate for {@code 127.0.0.1} and {@code localhost}, signed by this CA. */
  public Issued serverCertificate() {
    return serverCertificate("localhost", "127.0.0.1");
  }

  /**
   * A server certificate signed by this CA.
   *
   * @param dnsName the subject's CN and a DNS name in the SAN
   * @param ipAddress an IP address in the SAN
   */
  public Issued serverCertificate(String dnsName, String ipAddress) {
    return serverCertificate(dnsName, ipAddress, newKeyPair());
  }

  /**
   * A server certificate signed by this CA, for a key pair of the caller's (e.g. {@link
   * #rsaKeyPair()}).
   */
  public Issued serverCertificate(String dnsName, String ipAddress, KeyPair keys) {
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          builder(new X500Name("CN=" + name), new X500Name("CN=" + dnsName), keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, dnsName),
                        new GeneralName(GeneralName.iPAddress, ipAddress)
                      }))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCertificate));
      return new Issued(sign(b, caKeys), keys);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a test server certificate", e);
    }
  }

  /** Writes the CA's certificate as PEM to {@code file}; returns it. */
  public Path writeCertificate(Path file) {
    return write(file, caCertificate);
  }

  /** A TLS client context that trusts this CA and nothing else. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("ca", caCertificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), new SecureRandom());
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a client TLS context", e);
    }
  }

  /**
   * A certificate this CA issued and its key pair.
   *
   * @param certificate the issued certificate
   * @param keys its key pair
   */
  public record Issued(X509Certificate certificate, KeyPair keys) {

    /** Writes the certificate as PEM (PEM {@code CERTIFICATE}); returns the file. */
    public Path writeCertificate(Path file) {
      return write(file, certificate);
    }

    /** Writes the certificate followed by its issuer's (a chain file); returns the file. */
    public Path writeChain(Path file, TestCertificates issuer) {
      return write(file, certificate, issuer.certificate());
    }

    /**
     * Writes the private key in the older form OpenSSL also writes ({@code EC PRIVATE KEY}, SEC1;
     * {@code RSA PRIVATE KEY} for RSA); returns the file.
     */
    public Path writeTraditionalKey(Path file) {
      return write(file, keys.getPrivate());
    }

    /** Writes the private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}); returns the file. */
    public Path writeKey(Path file) {
      return write(
          file,
          new org.bouncycastle.util.io.pem.PemObject(
              "PRIVATE KEY", keys.getPrivate().getEncoded()));
    }
  }

  private static Path write(Path file, Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      for (Object o : objects) {
        pem.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIALS.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        subjectKeys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A 2048-bit RSA key pair, for certificates of the older, still common kind. */
  public static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no RSA key generator", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 key generator", e);
    }
  }
}
