package org.sharpeyes.ingest.config;

import java.util.Map;

/**
 * Reads {@code username} / {@code usernameEnv} / {@code passwordEnv} of a section. The password is
 * only ever taken from the environment variable the file names, so that config files can be
 * committed and shared.
 */
final class CredentialReader {

  private final Map<String, String> env;

  CredentialReader(Map<String, String> env) {
    this.env = env;
  }

  /** The credentials, or {@code null} after recording an error. */
  Credentials read(ConfigSection s) {
    String username = s.string("username", null);
    String usernameEnv = s.envName("usernameEnv");
    String passwordEnv = s.envName("passwordEnv");
    boolean ok = true;
    if (username != null && usernameEnv != null) {
      s.error("usernameEnv", "is set together with username", "keep only one of the two");
      ok = false;
    }
    if (usernameEnv != null) {
      username = env.get(usernameEnv);
      ok &= present(s, "usernameEnv", usernameEnv, username);
    }
    String password = null;
    if (passwordEnv != null) {
      password = env.get(passwordEnv);
      ok &= present(s, "passwordEnv", passwordEnv, password);
    }
    if (!ok) {
      return null;
    }
    if (username == null && password == null) {
      return Credentials.NONE;
    }
    return new Credentials(username, password == null ? null : new Secret(password));
  }

  private static boolean present(ConfigSection s, String key, String name, String value) {
    if (value == null) {
      s.error(
          key,
          "environment variable " + name + " is not set",
          "export " + name + " before starting, or remove " + s.pathOf(key));
      return false;
    }
    return true;
  }
}
