package org.sharpeyes.ingest.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * Who is calling, as proven by a token: a user of this server (issuer {@code local}) or of an
 * external identity provider (its issuer URL).
 *
 * @param name the user name, as on the audit record
 * @param jurisdiction the region code whose subtree the user sees (city, county, township or
 *     village)
 */
public record Principal(
    String name, Role role, String jurisdiction, Clearance clearance, String issuer) {

  /** Where the access gate leaves the principal on a request it let through. */
  public static final String CONTEXT_KEY = "sharpeyes.principal";

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(issuer, "issuer");
  }

  /** True when names, ID numbers and photos may be shown to this caller unmasked. */
  public boolean seesPersonalData() {
    return role != Role.INTEGRATOR && clearance == Clearance.FULL;
  }

  /**
   * The caller of a request that passed the access gate.
   *
   * @throws IllegalStateException when the route is not behind the gate (a wiring error)
   */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw new IllegalStateException("no principal on " + ctx.request().path());
    }
    return principal;
  }
}
