package org.sharpeyes.edge.publish;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Trust settings for an {@code ssl://} broker.
 *
 * @param caFile PEM file with the certificate(s) of the authority that signed the broker's
 *     certificate
 */
public record TlsConfig(Path caFile) {
  public TlsConfig {
    Objects.requireNonNull(caFile, "caFile");
  }
}
