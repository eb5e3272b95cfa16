package org.sharpeyes.ingest.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.schema.testing.MutableClock;

/**
 * Authentication on a throwaway database: the module as the server builds it, with a clock the test
 * moves, a recording audit trail and the demo city's regions.
 */
final class AuthHarness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
  static final String PASSWORD = "correct horse battery";

  final TestDatabase db;
  final MutableClock clock = new MutableClock(T0);
  final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Vertx vertx = Vertx.vertx();
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(2);
  final BlockingDispatch dispatch =
      new BlockingDispatch(workers, BlockingDispatch.Bounds.DEFAULT, registry);
  final AuthModule module;

  AuthHarness(TestDatabase db, Path dataDir, AuthConfig config) throws Exception {
    this.db = db;
    this.module =
        AuthModule.start(
            config,
            dataDir,
            db.dataSource(),
            DemoCity.data().regions(),
            vertx,
            clock,
            registry,
            audit::add,
            scheduler,
            dispatch,
            Map.of(SeedUsers.ADMIN_USER_ENV, "chen.admin", SeedUsers.ADMIN_PASSWORD_ENV, PASSWORD));
  }

  /** Lockout after 3 failures for 15 minutes, no delay; the rest as configured by default. */
  static AuthConfig config() {
    return AuthConfig.defaults()
        .withLockout(new AuthConfig.Lockout(3, Duration.ofMinutes(15), Duration.ZERO));
  }

  /** Adds a user as the first admin (city-wide) would. */
  UserAccount add(String name, Role role, String jurisdiction, Clearance clearance)
      throws Exception {
    UserAdmin.Result r =
        module
            .admin()
            .add(admin(), new UserAdmin.NewUser(name, PASSWORD, role, jurisdiction, clearance));
    return ((UserAdmin.Done) r).user();
  }

  UserAdmin.Actor admin() {
    return new UserAdmin.Actor("chen.admin", "127.0.0.1", Role.ADMIN, "430700");
  }

  LoginService.TokenPair login(String name) throws Exception {
    return ((LoginService.Granted) module.logins().login(name, PASSWORD, "127.0.0.1")).tokens();
  }

  Authenticator.Authentication check(String token) {
    return module.authenticator().authenticate(token);
  }

  String refusal(String token) {
    Authenticator.Authentication a = check(token);
    return a instanceof Authenticator.Authentication.Refused r ? r.reason() : "accepted";
  }

  double counted(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws Exception {
    module.close();
    scheduler.shutdownNow();
    workers.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    db.close();
  }
}
