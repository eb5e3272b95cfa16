package org.sharpeyes.edge.http;

import java.util.List;
import org.sharpeyes.config.ConfigTree;

/**
 * Reads the {@code auth} key of a listening section: {@code auth: { basic: { usernameEnv,
 * passwordEnv } }} or {@code auth: { tokenEnv: NAME }}; left out, no credentials are asked for.
 */
public final class PushAuthReader {

  private static final String HINT =
      "write auth: { basic: { usernameEnv: PLATE_PUSH_USER, passwordEnv: PLATE_PUSH_PASSWORD } }"
          + " or auth: { tokenEnv: PLATE_PUSH_TOKEN }";

  private PushAuthReader() {}

  /** The section's {@code auth}; {@code null} after a problem (reported). */
  public static PushAuth read(ConfigTree section) {
    if (!section.has("auth")) {
      return PushAuth.NONE;
    }
    ConfigTree auth = section.section("auth");
    if (auth == null) {
      return null;
    }
    int before = auth.problemCount();
    auth.allowKeys(List.of("basic", "tokenEnv"));
    if (auth.has("basic") == auth.has("tokenEnv")) {
      auth.problem(
          (auth.has("basic") ? "set both basic and tokenEnv — choose one: " : "empty — ") + HINT);
      return null;
    }
    if (auth.has("tokenEnv")) {
      String token = auth.envName("tokenEnv");
      return auth.problemCount() > before || token == null ? null : new PushAuth.Token(token);
    }
    ConfigTree basic = auth.section("basic");
    if (basic == null) {
      return null;
    }
    basic.allowKeys(List.of("usernameEnv", "passwordEnv"));
    basic.require("usernameEnv", HINT);
    basic.require("passwordEnv", HINT);
    String user = basic.envName("usernameEnv");
    String password = basic.envName("passwordEnv");
    if (auth.problemCount() > before || user == null || password == null) {
      return null;
    }
    return new PushAuth.Basic(user, password);
  }
}
