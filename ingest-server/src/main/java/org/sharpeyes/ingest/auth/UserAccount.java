package org.sharpeyes.ingest.auth;

import java.time.Instant;
import java.util.Objects;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;

/**
 * A local user as stored (migration V4).
 *
 * @param passwordHash the PHC string of {@link PasswordHasher}; never shown, never logged
 * @param failedLogins consecutive failed logins since the last success
 * @param lockedUntil when a lock ends; {@code null} when never locked
 * @param tokenEpoch raised to revoke every token of the user at once (disable, password change);
 *     access tokens carry the epoch they were issued under
 */
public record UserAccount(
    String name,
    Role role,
    String jurisdiction,
    Clearance clearance,
    String passwordHash,
    boolean disabled,
    Instant createdAt,
    Instant passwordChangedAt,
    int failedLogins,
    Instant lockedUntil,
    int tokenEpoch) {

  public UserAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
  }

  /** Whether a lock is in force at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /** The principal this account logs in as. */
  public Principal principal() {
    return new Principal(name, role, jurisdiction, clearance, LocalTokens.PRINCIPAL_ISSUER);
  }
}
