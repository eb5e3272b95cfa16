package org.sharpeyes.edge.http;

import java.util.List;
import java.util.Objects;

/**
 * What a device must present to push to a local listener (the {@code auth} key of e.g. {@code
 * plateHttp}): nothing, HTTP Basic, or a bearer token. Only the NAMES of the environment variables
 * holding the secrets are config; the values are read when the listener starts.
 */
public sealed interface PushAuth {

  /** Every push is accepted (the default: a listener on a closed device network). */
  PushAuth NONE = new None();

  /** The variables read at start; empty for {@link #NONE}. */
  List<String> requiredEnvironment();

  /** No credentials asked for. */
  record None() implements PushAuth {
    @Override
    public List<String> requiredEnvironment() {
      return List.of();
    }
  }

  /**
   * {@code Authorization: Basic …} with this user and password, as plate readers' "HTTP push with
   * authentication" settings send it.
   *
   * @param usernameEnv variable holding the user name
   * @param passwordEnv variable holding the password
   */
  record Basic(String usernameEnv, String passwordEnv) implements PushAuth {
    public Basic {
      Objects.requireNonNull(usernameEnv, "usernameEnv");
      Objects.requireNonNull(passwordEnv, "passwordEnv");
    }

    @Override
    public List<String> requiredEnvironment() {
      return List.of(usernameEnv, passwordEnv);
    }
  }

  /**
   * {@code Authorization: Bearer TOKEN}.
   *
   * @param tokenEnv variable holding the token
   */
  record Token(String tokenEnv) implements PushAuth {
    public Token {
      Objects.requireNonNull(tokenEnv, "tokenEnv");
    }

    @Override
    public List<String> requiredEnvironment() {
      return List.of(tokenEnv);
    }
  }
}
