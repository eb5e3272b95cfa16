package org.sharpeyes.ingest.edgeaccount;

import java.time.Instant;
import java.util.Objects;

/**
 * The broker account of one edge. Its user name is the edge id.
 *
 * @param edgeId the edge id, 1..64 of {@code [A-Za-z0-9._-]}
 * @param passwordHash Mosquitto's {@code $7$} form ({@link MosquittoPasswordHash})
 * @param createdAt when it was made
 * @param disabled a disabled edge is refused at its next connection
 */
public record EdgeAccount(String edgeId, String passwordHash, Instant createdAt, boolean disabled) {

  public EdgeAccount {
    Objects.requireNonNull(edgeId, "edgeId");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "EdgeAccount[" + edgeId + (disabled ? ", disabled" : "") + ", since " + createdAt + "]";
  }
}
