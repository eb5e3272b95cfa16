package org.sharpeyes.edge.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Username and password for the broker, read from the environment variables the config names
 * (secrets are never in the file).
 *
 * @param username the username, or {@code null} for an anonymous connection
 * @param password the password, or {@code null}
 */
public record BrokerCredentials(String username, char[] password) {

  public static final BrokerCredentials ANONYMOUS = new BrokerCredentials(null, null);

  /**
   * Reads the variables named by {@code broker.usernameEnv} / {@code broker.passwordEnv}.
   *
   * @throws IllegalStateException naming every variable that is not set
   */
  public static BrokerCredentials resolve(BrokerConfig broker, Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    String user = read(broker.usernameEnv(), "broker.usernameEnv", env, missing);
    String pass = read(broker.passwordEnv(), "broker.passwordEnv", env, missing);
    if (!missing.isEmpty()) {
      throw new IllegalStateException(String.join("; ", missing));
    }
    return new BrokerCredentials(user, pass == null ? null : pass.toCharArray());
  }

  private static String read(
      String name, String key, Map<String, String> env, List<String> missing) {
    if (name == null) {
      return null;
    }
    Optional<String> value = Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      missing.add(
          key + ": environment variable " + name + " is not set — export it before starting");
    }
    return value.orElse(null);
  }

  @Override
  public String toString() {
    return "BrokerCredentials[username="
        + username
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }
}
