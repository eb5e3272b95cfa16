package org.sharpeyes.ingest.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a user does at the command centre. What each role may do is one table, {@code RoutePolicy},
 * documented in docs/security.md.
 */
public enum Role {
  /** Users, edges and reference data; no alert handling. */
  ADMIN("admin"),
  /** Everything an operator may, across the subtree, plus governance figures and reassigning. */
  SUPERVISOR("supervisor"),
  /** A command-centre desk: watches, opens and handles the alerts of the jurisdiction. */
  OPERATOR("operator"),
  /** Sees only what is dispatched to them and reports back. */
  GRID_WORKER("grid-worker"),
  /** Machine access for downstream systems: alerts and events, never personal data. */
  INTEGRATOR("integrator"),
  /** Reads the audit log, nothing else. */
  AUDITOR("auditor");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The name used in config, tokens, the database and JSON, e.g. {@code grid-worker}. */
  public String label() {
    return label;
  }

  public static Optional<Role> fromLabel(String label) {
    return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
  }

  /** The labels, for error messages: {@code admin, supervisor, …}. */
  public static String labels() {
    return String.join(", ", Arrays.stream(values()).map(Role::label).toList());
  }
}
