package org.sharpeyes.ingest.auth;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.broker.AlertReaders;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.schema.topic.Topics;

/**
 * Lets {@code integrator} users log in to the embedded broker with their own name and password and
 * read the alert topics of their jurisdiction (a county's integrator: {@code
 * sharpeyes/v1/alerts/430700/430702/#}). Other roles, disabled users and wrong passwords are
 * refused. Each check verifies the Argon2id hash: a login costs tens of milliseconds, which also
 * slows guessing.
 */
public final class IntegratorBrokerLogins implements AlertReaders {

  private final UserStore users;
  private final PasswordHasher hasher;
  private final RegionDirectory regions;

  public IntegratorBrokerLogins(UserStore users, PasswordHasher hasher, RegionDirectory regions) {
    this.users = users;
    this.hasher = hasher;
    this.regions = regions;
  }

  @Override
  public Reader check(String user, char[] password) {
    Optional<UserAccount> account;
    try {
      account = users.find(user);
    } catch (SQLException | RuntimeException e) {
      return new Reader(Verdict.UNAVAILABLE, null);
    }
    if (account.isEmpty() || account.get().role() != Role.INTEGRATOR) {
      return new Reader(Verdict.UNKNOWN, null);
    }
    if (!hasher.matches(new String(password), account.get().passwordHash())) {
      return new Reader(Verdict.WRONG_PASSWORD, null);
    }
    if (account.get().disabled()) {
      return new Reader(Verdict.DISABLED, null);
    }
    List<Region> chain = regions.chain(account.get().jurisdiction());
    if (chain.isEmpty()) {
      return new Reader(Verdict.UNKNOWN, null);
    }
    String under = Topics.alertsUnder(chain.stream().map(Region::code).toList());
    return new Reader(Verdict.ACCEPTED, under.substring(0, under.length() - 2));
  }
}
