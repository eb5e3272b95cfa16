package org.sharpeyes.ingest.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * Authentication of a running server, built from {@code auth.*}: keys, the token check, login and
 * user management, the first admin and the demo users. The server hands {@link #authenticator()} to
 * the access gate and mounts {@link #mount the routes}. Started once, on the thread that starts the
 * server; {@link #close} cancels its scheduled refreshes.
 */
public final class AuthModule implements AutoCloseable {

  private final TokenAuthenticator authenticator;
  private final LoginService logins;
  private final UserAdmin admin;
  private final BlockingDispatch dispatch;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

  private AuthModule(
      TokenAuthenticator authenticator,
      LoginService logins,
      UserAdmin admin,
      BlockingDispatch dispatch) {
    this.authenticator = authenticator;
    this.logins = logins;
    this.admin = admin;
    this.dispatch = dispatch;
  }

  /**
   * Loads (or generates) the keys, creates the first admin and the demo users, reads the external
   * issuer's keys, and schedules the refreshes on {@code scheduler}. Blocking.
   *
   * @param env where {@code SHARPEYES_ADMIN_USER}/{@code _PASSWORD} are read
   * @throws IOException when the signing keys cannot be read or made
   * @throws SQLException when the store fails
   * @throws IllegalStateException when the first admin or the demo users file is not valid
   */
  public static AuthModule start(
      AuthConfig config,
      Path dataDir,
      DataSource dataSource,
      RegionDirectory regions,
      Vertx vertx,
      Clock clock,
      MeterRegistry registry,
      AuditTrail audit,
      ScheduledExecutorService scheduler,
      BlockingDispatch dispatch,
      Map<String, String> env)
      throws IOException, SQLException {
    UserStore users = new UserStore(dataSource);
    SessionStore sessions = new SessionStore(dataSource);
    PasswordHasher hasher = PasswordHasher.owasp(config.minPasswordLength());
    LocalTokens tokens =
        new LocalTokens(
            vertx,
            SigningKeys.load(config.keys(), dataDir),
            config.issuer(),
            config.accessTokenLifetime(),
            clock);
    Revocations revocations = new Revocations(users, sessions, clock);
    UserAdmin admin = new UserAdmin(users, sessions, hasher, regions, revocations, audit, clock);
    SeedUsers.firstAdmin(admin, users, regions, env);
    if (config.seedUsers() != null) {
      SeedUsers.demoUsers(admin, regions, config.seedUsers());
    }
    revocations.refresh();
    OidcIssuer oidc = config.oidc() == null ? null : new OidcIssuer(config.oidc(), vertx, clock);
    LoginService logins =
        new LoginService(
            users,
            sessions,
            hasher,
            tokens,
            revocations,
            new LoginThrottle(config.lockout(), registry),
            audit,
            config.refreshTokenLifetime(),
            clock);
    AuthModule module =
        new AuthModule(new TokenAuthenticator(tokens, oidc, revocations), logins, admin, dispatch);
    long every = config.revocationRefresh().toMillis();
    module.scheduled.add(
        scheduler.scheduleWithFixedDelay(
            revocations::refresh, every, every, TimeUnit.MILLISECONDS));
    if (oidc != null) {
      oidc.refresh(); // a failure is logged; tokens of the issuer are refused until keys arrive
      long jwks = config.oidc().jwksRefresh().toMillis();
      module.scheduled.add(
          scheduler.scheduleWithFixedDelay(oidc::refresh, jwks, jwks, TimeUnit.MILLISECONDS));
    }
    return module;
  }

  /** The token check for the access gate. Never blocks. */
  public TokenAuthenticator authenticator() {
    return authenticator;
  }

  public LoginService logins() {
    return logins;
  }

  public UserAdmin admin() {
    return admin;
  }

  /** Mounts the login, token and user routes. */
  public void mount(Router router) {
    new AuthRoutes(logins, authenticator, dispatch).mount(router);
    new UserRoutes(admin, dispatch).mount(router);
  }

  @Override
  public void close() {
    scheduled.forEach(f -> f.cancel(false));
  }
}
