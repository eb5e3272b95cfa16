package org.sharpeyes.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Trusts exactly the certificate authorities in one PEM file, for an {@code ssl://} broker. */
public final class PemTrust {

  private PemTrust() {}

  /**
   * Reads the X.509 certificates of a PEM file.
   *
   * @throws IllegalArgumentException saying why the file cannot be used
   */
  public static List<Certificate> certificates(Path pemFile) {
    if (!Files.isRegularFile(pemFile)) {
      throw new IllegalArgumentException(pemFile + " does not exist or is not a file");
    }
    if (!Files.isReadable(pemFile)) {
      throw new IllegalArgumentException(pemFile + " is not readable by this user");
    }
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(pemFile + " holds no X.509 certificate");
      }
      return new ArrayList<>(certs);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pemFile + " is not a PEM file of X.509 certificates (" + e.getMessage() + ")", e);
    }
  }

  /** A socket factory that verifies the broker against the CA certificates in {@code pemFile}. */
  public static SSLSocketFactory socketFactory(Path pemFile) {
    TrustManagerFactory tmf = trustOnly(pemFile);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot set up TLS with " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * A trust manager factory that trusts exactly the CA certificates in {@code pemFile}.
   *
   * @throws IllegalArgumentException when the file is not a PEM file of certificates
   */
  public static TrustManagerFactory trustOnly(Path pemFile) {
    List<Certificate> certs = certificates(pemFile);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certs.size(); i++) {
        store.setCertificateEntry("ca-" + i, certs.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      return tmf;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot set up TLS with " + pemFile + ": " + e.getMessage(), e);
    }
  }
}
