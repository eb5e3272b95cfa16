package org.sharpeyes.ingest.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * An {@link Authenticator} over a table of tokens the test mints: each principal gets the token
 * {@code test-<name>}; any other token is refused as unknown. Thread-safe.
 */
public final class TestTokens implements Authenticator {

  /** The caller most tests act as: a city-level supervisor with full clearance. */
  public static final Principal CITY_SUPERVISOR =
      caller("city-supervisor", Role.SUPERVISOR, "430700");

  private final Map<String, Principal> byToken = new ConcurrentHashMap<>();

  /** A user of this server with full clearance. */
  public static Principal caller(String name, Role role, String jurisdiction) {
    return new Principal(name, role, jurisdiction, Clearance.FULL, "local");
  }

  /** A user of this server with masked clearance. */
  public static Principal masked(String name, Role role, String jurisdiction) {
    return new Principal(name, role, jurisdiction, Clearance.MASKED, "local");
  }

  /** The token that authenticates as {@code principal} from now on. */
  public String tokenOf(Principal principal) {
    String token = "test-" + principal.name();
    byToken.put(token, principal);
    return token;
  }

  /** Makes the principal's token refused from now on (as if revoked). */
  public void revoke(Principal principal) {
    byToken.remove("test-" + principal.name());
  }

  @Override
  public Authentication authenticate(String token) {
    Principal p = byToken.get(token);
    return p == null
        ? new Authentication.Refused("unknown or revoked token")
        : new Authentication.Accepted(p);
  }
}
