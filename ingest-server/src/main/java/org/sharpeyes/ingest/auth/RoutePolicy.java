package org.sharpeyes.ingest.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * Who may call which route: ONE table of method + path pattern → the roles allowed
 * (docs/security.md, "Who may do what"). The {@link AccessGate} asks it for every request; the
 * routes then narrow what they answer to the caller's jurisdiction and mask personal data by
 * clearance.
 *
 * <p>Patterns are written as Vert.x writes routes: {@code :name} is one path segment, a trailing
 * {@code *} is the rest of the path. The first rule whose method and pattern match decides. A path
 * no rule covers is not refused here (with a valid token the router answers its 404 or 405); {@link
 * #uncovered} finds mounted routes the table forgot. Immutable and thread-safe.
 */
public final class RoutePolicy {

  /** Why a grid worker is refused alert and event reads. */
  static final String DISPATCH_ONLY =
      "; a grid worker sees only what is dispatched to them: GET /api/dispatched";

  /**
   * One line of the table.
   *
   * @param method {@code GET}, {@code POST}, {@code DELETE}…, or {@code *} for any
   * @param pattern e.g. {@code /api/alerts/:id}
   * @param open true when no token is needed
   * @param roles who may call it (empty when open)
   * @param fullClearance true when the caller must also have {@link Clearance#FULL}
   * @param note what the route gives, for the documentation
   */
  public record Rule(
      String method,
      String pattern,
      boolean open,
      Set<Role> roles,
      boolean fullClearance,
      String note) {

    public Rule {
      roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    boolean matches(String requestMethod, String path) {
      return (method.equals("*") || method.equals(requestMethod)) && matchesPath(path);
    }

    boolean matchesPath(String path) {
      return RoutePolicy.matches(pattern, path);
    }

    /** The roles as labels in the enum's order, e.g. {@code admin, supervisor}. */
    public String roleLabels() {
      return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles).stream()
          .map(Role::label)
          .collect(Collectors.joining(", "));
    }
  }

  /** What the table says about one request. */
  public sealed interface Decision {}

  /** No token needed. */
  public record Open() implements Decision {}

  /** The caller may go on; the route still narrows and masks. */
  public record Allowed(Rule rule) implements Decision {}

  /** The caller may not; {@code reason} names the role and what it may not do. */
  public record Forbidden(String reason, String kind) implements Decision {}

  /** No rule covers the path: with a valid token the router answers (404 or 405). */
  public record Unlisted() implements Decision {}

  private static final Set<Role> ALERT_READERS =
      EnumSet.of(Role.SUPERVISOR, Role.OPERATOR, Role.INTEGRATOR);
  private static final Set<Role> DESKS = EnumSet.of(Role.SUPERVISOR, Role.OPERATOR);
  private static final Set<Role> DESK_VIEWERS =
      EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.OPERATOR);
  private static final Set<Role> HANDLERS =
      EnumSet.of(Role.SUPERVISOR, Role.OPERATOR, Role.GRID_WORKER);
  private static final Set<Role> GRID = EnumSet.of(Role.GRID_WORKER);
  private static final Set<Role> GOVERNANCE = EnumSet.of(Role.SUPERVISOR);
  private static final Set<Role> PHOTO_VIEWERS =
      EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.OPERATOR);
  private static final Set<Role> DEVICE_KEEPERS = EnumSet.of(Role.ADMIN, Role.SUPERVISOR);
  private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
  private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

  private final List<Rule> rules;

  private RoutePolicy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The table of this server.
   *
   * @param openMetrics {@code auth.openMetrics}: true serves {@code /metrics} without a token (for
   *     a scraper inside a trusted network); false (the default) asks admin, supervisor or
   *     integrator
   */
  public static RoutePolicy standard(boolean openMetrics) {
    List<Rule> r = new ArrayList<>();
    r.add(open("GET", "/healthz", "liveness and readiness"));
    r.add(open("POST", "/api/auth/login", "name and password for a token"));
    r.add(open("POST", "/api/auth/refresh", "a refresh token for a new access token"));
    r.add(open("GET", "/", "redirect to the dashboard"));
    r.add(open("GET", "/dashboard/*", "the dashboard's static files; its data comes from the API"));
    r.add(open("GET", "/openapi.json", "the API description"));
    r.add(
        openMetrics
            ? open("GET", "/metrics", "Prometheus metrics (auth.openMetrics: true)")
            : rule(
                "GET",
                "/metrics",
                EnumSet.of(Role.ADMIN, Role.SUPERVISOR, Role.INTEGRATOR),
                "Prometheus metrics"));
    r.add(rule("POST", "/api/auth/logout", EVERYONE, "revoke one's own token"));
    r.add(rule("GET", "/api/auth/me", EVERYONE, "one's own name, role, jurisdiction, clearance"));
    r.add(rule("*", "/api/users", ADMIN, "list and add users"));
    r.add(rule("*", "/api/users/*", ADMIN, "change, disable, reset a user"));
    r.add(rule("GET", "/api/audit", EnumSet.of(Role.AUDITOR), "the audit record"));
    r.add(rule("GET", "/api/alerts/stream", ALERT_READERS, "live alerts of the jurisdiction"));
    r.add(rule("GET", "/api/alerts", ALERT_READERS, "alerts of the jurisdiction"));
    r.add(rule("GET", "/api/alerts/:id", ALERT_READERS, "one alert, its evidence, person card"));
    r.add(rule("GET", "/api/events", ALERT_READERS, "stored events of the jurisdiction"));
    r.add(rule("GET", "/api/desks", DESK_VIEWERS, "desks, departments, staff of the jurisdiction"));
    r.add(rule("GET", "/api/desks/:code/queue", DESKS, "open alerts a desk holds, overdue first"));
    r.add(rule("GET", "/api/dispatched", GRID, "what is dispatched to the caller"));
    r.add(
        rule(
            "GET",
            "/api/alerts/:id/workflow",
            HANDLERS,
            "desk, deadlines, timeline, the caller's possible steps"));
    r.add(
        rule(
            "POST",
            "/api/alerts/:id/transitions",
            HANDLERS,
            "take a step (If-Match); grid workers: report on what is theirs"));
    r.add(rule("GET", "/api/alerts/:id/steps/:seq/photo", HANDLERS, "a report's photo"));
    r.add(rule("*", "/api/webhooks", ADMIN, "list and add webhook subscriptions"));
    r.add(rule("DELETE", "/api/webhooks/:id", ADMIN, "remove a webhook subscription"));
    r.add(rule("GET", "/api/webhooks/:id/deliveries", ADMIN, "a webhook's recent deliveries"));
    r.add(rule("GET", "/api/suppressions", DESKS, "active suppressions of the jurisdiction"));
    r.add(rule("POST", "/api/suppressions", DESKS, "snooze a subject at a device or site"));
    r.add(rule("DELETE", "/api/suppressions/:id", DESKS, "lift a suppression"));
    r.add(rule("GET", "/api/plans", DESK_VIEWERS, "every disposal plan, with its version"));
    r.add(rule("POST", "/api/plans/reload", ADMIN, "reload plans.yaml (all or nothing)"));
    r.add(rule("GET", "/api/alerts/:id/plan", HANDLERS, "an alert's disposal plan and ticks"));
    r.add(rule("POST", "/api/alerts/:id/plan/steps/:n", DESKS, "tick a step of the plan"));
    r.add(rule("GET", "/api/governance", GOVERNANCE, "the month's ranking of a level"));
    r.add(rule("GET", "/api/governance.csv", GOVERNANCE, "the same as CSV (UTF-8, BOM)"));
    r.add(rule("GET", "/api/governance/trend", GOVERNANCE, "a unit's score month by month"));
    r.add(rule("POST", "/api/governance/recompute", GOVERNANCE, "a month again (city-wide only)"));
    r.add(rule("GET", "/api/events/:id/snapshot", DESKS, "an event's snapshot (faces: full)"));
    r.add(rule("GET", "/api/snapshots/:eventId", DESKS, "the same, older path"));
    r.add(rule("GET", "/api/watchlist", DEVICE_KEEPERS, "watchlist version and its persons"));
    r.add(rule("GET", "/api/key-persons/:id/photos", PHOTO_VIEWERS, "a person's enrolled photos"));
    r.add(rule("POST", "/api/key-persons/:id/photos", ADMIN, "enrol a photo"));
    r.add(
        new Rule(
            "GET",
            "/api/key-persons/:id/photos/:sha256",
            false,
            PHOTO_VIEWERS,
            true,
            "an enrolment photo (JPEG)"));
    r.add(rule("DELETE", "/api/key-persons/:id/photos/:sha256", ADMIN, "remove a photo"));
    r.add(rule("GET", "/api/devices", DESK_VIEWERS, "devices of the jurisdiction, availability"));
    r.add(rule("GET", "/api/edges", DEVICE_KEEPERS, "edges of the jurisdiction"));
    r.add(rule("GET", "/api/edges/:edgeId", DEVICE_KEEPERS, "one edge"));
    r.add(rule("GET", "/api/dead-letters", DEVICE_KEEPERS, "rejected messages (city level)"));
    r.add(
        rule(
            "GET",
            "/api/map",
            EnumSet.complementOf(EnumSet.of(Role.AUDITOR)),
            "regions, grid cells, devices of the jurisdiction"));
    return new RoutePolicy(r);
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * @param method the request method; {@code HEAD} is judged as {@code GET}
   * @param path the normalised request path
   * @param caller the authenticated caller, or {@code null} when there is none yet
   */
  public Decision decide(String method, String path, Principal caller) {
    String m = "HEAD".equals(method) ? "GET" : method;
    String p = trimSlash(path);
    for (Rule rule : rules) {
      if (!rule.matches(m, p)) {
        continue;
      }
      if (rule.open()) {
        return new Open();
      }
      if (caller == null) {
        return new Unlisted();
      }
      if (!rule.roles().contains(caller.role())) {
        return new Forbidden(roleReason(caller.role(), m, rule), "role");
      }
      if (rule.fullClearance() && !caller.seesPersonalData()) {
        return new Forbidden(
            "role "
                + caller.role().label()
                + " with "
                + caller.clearance().label()
                + " clearance may not "
                + m
                + " "
                + rule.pattern()
                + ": it is personal data and needs full clearance",
            "clearance");
      }
      return new Allowed(rule);
    }
    return new Unlisted();
  }

  /** True when {@code method path} needs no token. */
  public boolean isOpen(String method, String path) {
    return decide(method, path, null) instanceof Open;
  }

  /** The route paths (Vert.x form) among {@code routePaths} that no rule covers. */
  public List<String> uncovered(Collection<String> routePaths) {
    return routePaths.stream()
        .filter(
            path -> {
              String sample = path.replaceAll(":[A-Za-z0-9]+", "p").replace("*", "p");
              return rules.stream().noneMatch(r -> r.matchesPath(trimSlash(sample)));
            })
        .toList();
  }

  private static String roleReason(Role role, String method, Rule rule) {
    String reason =
        "role "
            + role.label()
            + " may not "
            + method
            + " "
            + rule.pattern()
            + " (allowed: "
            + rule.roleLabels()
            + ")";
    boolean alertData =
        rule.pattern().startsWith("/api/alerts")
            || rule.pattern().startsWith("/api/events")
            || rule.pattern().startsWith("/api/snapshots");
    return role == Role.GRID_WORKER && alertData ? reason + DISPATCH_ONLY : reason;
  }

  private static Rule open(String method, String pattern, String note) {
    return new Rule(method, pattern, true, Set.of(), false, note);
  }

  private static Rule rule(String method, String pattern, Set<Role> roles, String note) {
    return new Rule(method, pattern, false, roles, false, note);
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  static boolean matches(String pattern, String path) {
    if (pattern.endsWith("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      return path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1));
    }
    String[] want = pattern.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean param = want[i].startsWith(":");
      if (param ? got[i].isEmpty() : !want[i].equals(got[i])) {
        return false;
      }
    }
    return true;
  }
}
