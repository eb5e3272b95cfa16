package org.sharpeyes.ingest.config;

import java.util.Map;
import org.sharpeyes.config.ConfigTree;

/**
 * Reads the database credentials of the {@code store} section: {@code username} (a database user is
 * not a secret) or {@code usernameEnv}, and {@code passwordEnv}. The password is only ever taken
 * from the environment variable the file names, so that config files can be committed and shared.
 * The broker's credentials are the shared {@code org.sharpeyes.mqtt.BrokerCredentials}.
 */
final class CredentialReader {

  private final Map<String, String> env;

  CredentialReader(Map<String, String> env) {
    this.env = env;
  }

  /** The credentials, or {@code null} after recording a problem. */
  Credentials read(ConfigTree s) {
    int before = s.problemCount();
    String username = s.text("username");
    String usernameEnv = s.envName("usernameEnv");
    String passwordEnv = s.envName("passwordEnv");
    if (s.has("username") && s.has("usernameEnv")) {
      s.problem("usernameEnv", "set together with username — keep only one of the two");
    }
    if (usernameEnv != null) {
      username = variable(s, "usernameEnv", usernameEnv);
    }
    String password = passwordEnv == null ? null : variable(s, "passwordEnv", passwordEnv);
    if (s.problemCount() > before) {
      return null;
    }
    if (username == null && password == null) {
      return Credentials.NONE;
    }
    return new Credentials(username, password == null ? null : new Secret(password));
  }

  /** The variable's value; a problem, in the broker's words, when it is not set or empty. */
  private String variable(ConfigTree s, String key, String name) {
    String value = env.get(name);
    if (value == null || value.isEmpty()) {
      s.problem(key, "environment variable " + name + " is not set — export it before starting");
      return null;
    }
    return value;
  }
}
