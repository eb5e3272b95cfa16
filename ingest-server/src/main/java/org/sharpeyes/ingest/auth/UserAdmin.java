package org.sharpeyes.ingest.auth;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * Adds, lists, disables, enables users and sets passwords, for the admin routes and the CLI. An
 * admin manages only users whose jurisdiction lies within its own; the CLI (an actor without a
 * jurisdiction) manages all. Every change is audited, refusals too. Blocking; thread-safe.
 */
public final class UserAdmin {

  /** Letters, digits, {@code . _ -}; 2..64 characters, starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

  /**
   * Who asks.
   *
   * @param jurisdiction the region whose subtree the actor manages; null for the command line
   */
  public record Actor(String name, String from, Role role, String jurisdiction) {
    /** The command line, run by whoever can read the config and reach the store. */
    public static Actor cli() {
      return new Actor("cli", "cli", Role.ADMIN, null);
    }

    public static Actor of(Principal p, String from) {
      return new Actor(p.name(), from, p.role(), p.jurisdiction());
    }
  }

  /** A new user as asked for. */
  public record NewUser(
      String name, String password, Role role, String jurisdiction, Clearance clearance) {}

  /** What a change gave. */
  public sealed interface Result {}

  public record Done(UserAccount user) implements Result {}

  /** The request is not valid; each error with its path ({@code body.name} …). */
  public record Invalid(List<FieldError> errors) implements Result {}

  public record NotFound(String name) implements Result {}

  public record Exists(String name) implements Result {}

  /** The actor may not do this; why, in words. */
  public record Forbidden(String reason) implements Result {}

  private final UserStore users;
  private final SessionStore sessions;
  private final PasswordHasher hasher;
  private final RegionDirectory regions;
  private final Revocations revocations;
  private final AuditTrail audit;
  private final Clock clock;

  public UserAdmin(
      UserStore users,
      SessionStore sessions,
      PasswordHasher hasher,
      RegionDirectory regions,
      Revocations revocations,
      AuditTrail audit,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.regions = regions;
    this.revocations = revocations;
    this.audit = audit;
    this.clock = clock;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  /** The users the actor manages, by name. */
  public List<UserAccount> list(Actor actor) throws SQLException {
    List<UserAccount> all = new ArrayList<>();
    for (UserAccount u : users.all()) {
      if (manages(actor, u.jurisdiction())) {
        all.add(u);
      }
    }
    return all;
  }

  public Result add(Actor actor, NewUser n) throws SQLException {
    List<FieldError> errors = new ArrayList<>();
    if (n.name() == null || !NAME.matcher(n.name()).matches()) {
      errors.add(
          new FieldError(
              "body.name", "2..64 lower-case letters, digits, '.', '_' or '-', e.g. wang.jun"));
    }
    hasher.refusal(n.password()).ifPresent(r -> errors.add(new FieldError("body.password", r)));
    if (n.jurisdiction() == null || !regions.contains(n.jurisdiction())) {
      errors.add(new FieldError("body.jurisdiction", "not a region code of the reference data"));
    }
    if (!errors.isEmpty()) {
      return new Invalid(errors);
    }
    Optional<Result> refusal = refuse(actor, "user.add", n.name(), n.jurisdiction());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Instant now = clock.instant();
    UserAccount u =
        new UserAccount(
            n.name(),
            n.role(),
            n.jurisdiction(),
            n.clearance(),
            hasher.hash(n.password()),
            false,
            now,
            now,
            0,
            null,
            0);
    if (!users.add(u)) {
      return new Exists(n.name());
    }
    revocations.noteUser(u.name(), new UserStore.TokenState(false, 0));
    record(
        actor,
        "user.add",
        n.name(),
        "ok",
        n.role().label() + " in " + n.jurisdiction() + ", " + n.clearance().label());
    return new Done(u);
  }

  public Result setDisabled(Actor actor, String name, boolean disabled) throws SQLException {
    String action = disabled ? "user.disable" : "user.enable";
    Optional<UserAccount> found = users.find(name);
    if (found.isEmpty()) {
      return new NotFound(name);
    }
    Optional<Result> refusal = refuse(actor, action, name, found.get().jurisdiction());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (disabled && name.equals(actor.name())) {
      record(actor, action, name, "refused", "an admin cannot disable itself");
      return new Forbidden("you cannot disable your own account");
    }
    users.setDisabled(name, disabled);
    if (disabled) {
      sessions.revokeUser(name);
    }
    UserAccount after = users.find(name).orElseThrow();
    revocations.noteUser(name, new UserStore.TokenState(after.disabled(), after.tokenEpoch()));
    record(actor, action, name, "ok", "");
    return new Done(after);
  }

  public Result setPassword(Actor actor, String name, String password) throws SQLException {
    Optional<String> weak = hasher.refusal(password);
    if (weak.isPresent()) {
      return new Invalid(List.of(new FieldError("body.password", weak.get())));
    }
    Optional<UserAccount> found = users.find(name);
    if (found.isEmpty()) {
      return new NotFound(name);
    }
    Optional<Result> refusal = refuse(actor, "user.password", name, found.get().jurisdiction());
    if (refusal.isPresent()) {
      return refusal.get();
    }
    users.setPassword(name, hasher.hash(password), clock.instant());
    sessions.revokeUser(name);
    UserAccount after = users.find(name).orElseThrow();
    revocations.noteUser(name, new UserStore.TokenState(after.disabled(), after.tokenEpoch()));
    record(actor, "user.password", name, "ok", "every token of the user revoked");
    return new Done(after);
  }

  private Optional<Result> refuse(Actor actor, String action, String subject, String jur) {
    String reason = null;
    if (actor.role() != Role.ADMIN) {
      reason = "only an admin manages users";
    } else if (!manages(actor, jur)) {
      reason = "user jurisdiction " + jur + " is outside your jurisdiction " + actor.jurisdiction();
    }
    if (reason == null) {
      return Optional.empty();
    }
    record(actor, action, subject, "refused", reason);
    return Optional.of(new Forbidden(reason));
  }

  private boolean manages(Actor actor, String jurisdiction) {
    return actor.jurisdiction() == null || regions.isWithin(jurisdiction, actor.jurisdiction());
  }

  private void record(Actor actor, String action, String subject, String outcome, String detail) {
    audit.record(
        new AuditEntry(
            clock.instant(), actor.name(), actor.from(), action, subject, outcome, detail));
  }
}
