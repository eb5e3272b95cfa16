package org.sharpeyes.sims.plate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The user and password a simulated reader sends as HTTP Basic, as a reader's "HTTP push with
 * authentication" setting does. {@link #toString()} never shows the password.
 *
 * @param user the user name; no colon (HTTP Basic cannot carry one)
 * @param password the password
 */
public record BasicCredentials(String user, String password) {

  public BasicCredentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty() || user.contains(":")) {
      throw new IllegalArgumentException(
          "a Basic user name must be non-empty and hold no colon, got '" + user + "'");
    }
  }

  /** The value of the {@code Authorization} header. */
  public String header() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + ", password=***]";
  }
}
