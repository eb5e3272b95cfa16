package org.sharpeyes.sims.gate;

import java.util.Objects;

/**
 * A credential the controller knows (or, with {@link AccessDecision#DENIED_UNKNOWN_CREDENTIAL}, one
 * it does not), with the decision it gets at every door. Ids are invented ({@code CARD-000132});
 * never use real people's card numbers.
 */
public record Credential(String id, CredentialType type, AccessDecision decision) {

  public Credential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(decision, "decision");
    if (id.isBlank() || id.length() > 64) {
      throw new IllegalArgumentException(
          "a credential id has 1 to 64 characters, was '" + id + "'");
    }
  }

  /** A credential the controller has never seen: denied as unknown. */
  public static Credential unknown(String id, CredentialType type) {
    return new Credential(id, type, AccessDecision.DENIED_UNKNOWN_CREDENTIAL);
  }
}
