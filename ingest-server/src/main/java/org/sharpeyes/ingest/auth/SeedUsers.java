package org.sharpeyes.ingest.auth;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharpeyes.config.ConfigResult;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.ConfigYaml;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts a server creates for itself at start: the first admin from the environment, and the
 * demo users of {@code auth.seedUsers}. Neither touches a user that exists already. Blocking.
 */
public final class SeedUsers {

  /** Environment variables naming the first admin, used when no enabled admin exists. */
  public static final String ADMIN_USER_ENV = "SHARPEYES_ADMIN_USER";

  public static final String ADMIN_PASSWORD_ENV = "SHARPEYES_ADMIN_PASSWORD";

  private static final Logger LOG = LoggerFactory.getLogger(SeedUsers.class);
  private static final UserAdmin.Actor SERVER =
      new UserAdmin.Actor("server", "server", Role.ADMIN, null);

  private SeedUsers() {}

  /**
   * Creates the first admin (jurisdiction: the root region, full clearance) when no enabled admin
   * exists and both variables are set.
   *
   * @throws IllegalStateException when the variables name an invalid account (the reason says why)
   */
  public static void firstAdmin(
      UserAdmin admin, UserStore users, RegionDirectory regions, Map<String, String> env)
      throws SQLException {
    String name = env.get(ADMIN_USER_ENV);
    String password = env.get(ADMIN_PASSWORD_ENV);
    if (name == null || password == null || users.anyEnabled(Role.ADMIN)) {
      return;
    }
    String root = root(regions);
    UserAdmin.Result r =
        admin.add(SERVER, new UserAdmin.NewUser(name, password, Role.ADMIN, root, Clearance.FULL));
    if (r instanceof UserAdmin.Done) {
      LOG.info(
          "created the first admin '{}' (jurisdiction {}) from {}", name, root, ADMIN_USER_ENV);
    } else if (r instanceof UserAdmin.Invalid i) {
      throw new IllegalStateException(
          ADMIN_USER_ENV
              + "/"
              + ADMIN_PASSWORD_ENV
              + ": "
              + i.errors().stream()
                  .map(e -> e.path().replace("body.", "") + " " + e.message())
                  .toList());
    } else if (r instanceof UserAdmin.Exists) {
      LOG.warn(
          "{} names '{}', which exists but is no enabled admin: not changed", ADMIN_USER_ENV, name);
    }
  }

  /**
   * Reads {@code file} and creates each user that does not exist.
   *
   * @throws IllegalStateException listing every problem of the file, with its path
   */
  public static void demoUsers(UserAdmin admin, RegionDirectory regions, Path file)
      throws SQLException {
    ConfigResult<List<UserAdmin.NewUser>> read =
        ConfigYaml.read(file, ConfigYaml.Limits.DEFAULTS).then(root -> parse(root, admin, regions));
    if (read instanceof ConfigResult.Failure<List<UserAdmin.NewUser>> f) {
      throw new IllegalStateException(f.report(file.toString()));
    }
    int created = 0;
    for (UserAdmin.NewUser n : read.orThrow()) {
      UserAdmin.Result r = admin.add(SERVER, n);
      if (r instanceof UserAdmin.Done) {
        created++;
      } else if (!(r instanceof UserAdmin.Exists)) {
        throw new IllegalStateException(file + ": user " + n.name() + " refused: " + r);
      }
    }
    LOG.warn(
        "auth.seedUsers: {} DEMO account(s) with passwords from {} ({} created now) — for a demo"
            + " only; remove auth.seedUsers before real use",
        read.orThrow().size(),
        file,
        created);
  }

  private static ConfigResult<List<UserAdmin.NewUser>> parse(
      ConfigTree root, UserAdmin admin, RegionDirectory regions) {
    root.allowKeys(List.of("users"));
    Map<String, Role> roles = new LinkedHashMap<>();
    for (Role r : Role.values()) {
      roles.put(r.label(), r);
    }
    Map<String, Clearance> clearances = new LinkedHashMap<>();
    for (Clearance c : Clearance.values()) {
      clearances.put(c.label(), c);
    }
    List<UserAdmin.NewUser> users = new ArrayList<>();
    for (ConfigTree u : root.list("users", "a list of users", "name")) {
      u.allowKeys(List.of("name", "password", "role", "jurisdiction", "clearance"));
      String name = u.text("name", "the user name");
      if (name != null && !UserAdmin.NAME.matcher(name).matches()) {
        u.problem("name", "'" + name + "' — use 2..64 lower-case letters, digits, '.', '_', '-'");
      }
      String password = u.text("password", "the demo password");
      Optional<String> weak =
          password == null ? Optional.empty() : admin.hasher().refusal(password);
      weak.ifPresent(w -> u.problem("password", w));
      Role role = u.choice("role", roles, null);
      String jur = u.text("jurisdiction", "a region code of the reference data");
      if (jur != null && !regions.contains(jur)) {
        u.problem("jurisdiction", jur + " is not a region of the reference data");
      }
      Clearance clr = u.choice("clearance", clearances, Clearance.MASKED);
      users.add(new UserAdmin.NewUser(name, password, role, jur, clr));
    }
    return root.result(() -> users);
  }

  private static String root(RegionDirectory regions) {
    return regions.regions().stream()
        .filter(r -> r.parent() == null || r.parent().isEmpty())
        .map(Region::code)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the reference data has no root region"));
  }
}
