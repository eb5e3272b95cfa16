package org.sharpeyes.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sharpeyes.config.ConfigProblem;

/**
 * The user name and password for the broker, read from the environment variables that {@code
 * broker.usernameEnv} and {@code broker.passwordEnv} name (secrets are never in the file). A
 * variable that is not set, or set to nothing, is a problem with the same words on the edge and the
 * server: {@code broker.passwordEnv: environment variable X is not set — export it before
 * starting}.
 *
 * @param username the user name, or {@code null} for an anonymous connection
 * @param password the password, or {@code null}
 */
public record BrokerCredentials(String username, char[] password) {

  public static final BrokerCredentials ANONYMOUS = new BrokerCredentials(null, null);

  /**
   * Reads the variables the settings name.
   *
   * @param section where the settings are in the file, for messages: {@code broker}
   * @throws IllegalStateException naming every variable that is not set
   */
  public static BrokerCredentials resolve(
      BrokerSettings settings, Map<String, String> env, String section) {
    List<ConfigProblem> unset = unset(settings, env, section);
    if (!unset.isEmpty()) {
      throw new IllegalStateException(
          String.join("; ", unset.stream().map(ConfigProblem::toString).toList()));
    }
    String user = settings.usernameEnv() == null ? null : env.get(settings.usernameEnv());
    String pass = settings.passwordEnv() == null ? null : env.get(settings.passwordEnv());
    return new BrokerCredentials(user, pass == null ? null : pass.toCharArray());
  }

  /** Every variable the settings name that is not set here, as a problem at its key. */
  public static List<ConfigProblem> unset(
      BrokerSettings settings, Map<String, String> env, String section) {
    List<ConfigProblem> problems = new ArrayList<>();
    check(settings.usernameEnv(), section + ".usernameEnv", env, problems);
    check(settings.passwordEnv(), section + ".passwordEnv", env, problems);
    return problems;
  }

  private static void check(
      String name, String path, Map<String, String> env, List<ConfigProblem> problems) {
    String value = name == null ? null : env.get(name);
    if (name != null && (value == null || value.isEmpty())) {
      problems.add(
          new ConfigProblem(
              path, "environment variable " + name + " is not set — export it before starting"));
    }
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
