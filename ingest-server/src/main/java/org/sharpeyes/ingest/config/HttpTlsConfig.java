package org.sharpeyes.ingest.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the API and dashboard (the {@code http.tls} section): the server's certificate chain
 * and its private key, both PEM files, read at start (a new certificate takes a restart). Only TLS
 * 1.2 and 1.3 are offered.
 *
 * @param certFile the server's certificate first, then any intermediates (absolute after loading)
 * @param keyFile the unencrypted private key of the first certificate
 */
public record HttpTlsConfig(Path certFile, Path keyFile) {

  public HttpTlsConfig {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
