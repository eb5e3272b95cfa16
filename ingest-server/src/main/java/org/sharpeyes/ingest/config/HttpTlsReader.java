package org.sharpeyes.ingest.config;

import java.nio.file.Path;
import java.util.List;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.ingest.tls.PemIdentity;

/**
 * Reads the {@code http.tls} section and checks its two PEM files right away (so {@code validate}
 * finds a missing file, a key that is not the certificate's, or a file without a certificate, each
 * at its key), with paths relative to the config file.
 */
final class HttpTlsReader {

  private static final String HINT =
      "name the PEM files, e.g. tls: { certFile: tls/server.crt, keyFile: tls/server.key }";

  private HttpTlsReader() {}

  /** The section's files, or {@code null} after a problem (reported); {@code tls} may be null. */
  static HttpTlsConfig read(ConfigTree tls) {
    if (tls == null) {
      return null;
    }
    int before = tls.problemCount();
    tls.allowKeys(List.of("certFile", "keyFile"));
    tls.require("certFile", HINT);
    tls.require("keyFile", HINT);
    Path cert = tls.path("certFile", tls.baseDir(), null);
    Path key = tls.path("keyFile", tls.baseDir(), null);
    if (tls.problemCount() > before || cert == null || key == null) {
      return null;
    }
    HttpTlsConfig config =
        new HttpTlsConfig(cert.toAbsolutePath().normalize(), key.toAbsolutePath().normalize());
    try {
      PemIdentity.read(config.certFile(), config.keyFile());
    } catch (PemIdentity.PemProblem p) {
      tls.problem(p.part().key(), p.getMessage());
      return null;
    }
    return config;
  }
}
