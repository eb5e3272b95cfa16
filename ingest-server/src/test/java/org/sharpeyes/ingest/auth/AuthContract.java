package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.audit.AuditEntry;

/** Accounts, logins and tokens, run against each database the server supports. */
abstract class AuthContract {

  @TempDir Path dataDir;
  AuthHarness auth;

  abstract TestDatabase open();

  @BeforeEach
  void start() throws Exception {
    auth = new AuthHarness(open(), dataDir, AuthHarness.config());
    auth.add("li.operator", Role.OPERATOR, "430702", Clearance.FULL);
  }

  @AfterEach
  void stop() throws Exception {
    auth.close();
  }

  @Test
  void theRightPasswordGivesATokenThatAuthenticatesAsTheUser() throws Exception {
    LoginService.TokenPair pair = auth.login("li.operator");

    assertThat(auth.check(pair.access().token()))
        .isEqualTo(
            new Authenticator.Authentication.Accepted(
                new Principal("li.operator", Role.OPERATOR, "430702", Clearance.FULL, "local")));
    assertThat(auth.counted("sharpeyes.auth.login", "outcome", "ok")).isEqualTo(1);
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() throws Exception {
    LoginService.Outcome wrong = auth.module.logins().login("li.operator", "not it at all", "a");
    LoginService.Outcome unknown = auth.module.logins().login("nobody.here", "not it at all", "a");

    assertThat(wrong).isEqualTo(unknown).isInstanceOf(LoginService.Refused.class);
    assertThat(auth.counted("sharpeyes.auth.login", "outcome", "refused")).isEqualTo(2);
  }

  @Test
  void afterThreeFailuresTheFourthAttemptIsLockedEvenWithTheRightPasswordUntilTheLockEnds()
      throws Exception {
    LoginService logins = auth.module.logins();
    for (int i = 0; i < 3; i++) {
      assertThat(logins.login("li.operator", "wrong password " + i, "10.0.0.9"))
          .isInstanceOf(LoginService.Refused.class);
    }

    LoginService.Outcome whileLocked =
        logins.login("li.operator", AuthHarness.PASSWORD, "10.0.0.9");
    auth.clock.advance(Duration.ofMinutes(15));
    LoginService.Outcome afterTheLock = logins.login("li.operator", AuthHarness.PASSWORD, "x");

    assertThat(whileLocked).isEqualTo(new LoginService.Locked(Duration.ofMinutes(15)));
    assertThat(afterTheLock).isInstanceOf(LoginService.Granted.class);
    assertThat(auth.counted("sharpeyes.auth.lockouts")).isEqualTo(1);
    assertThat(auth.audit)
        .filteredOn(e -> e.action().equals("login") && e.from().equals("10.0.0.9"))
        .extracting(AuditEntry::outcome)
        .containsExactly("refused", "refused", "refused", "refused");
  }

  @Test
  void unknownNamesAreLockedLikeKnownOnesSoA429DoesNotRevealWhoExists() throws Exception {
    LoginService logins = auth.module.logins();
    for (int i = 0; i < 3; i++) {
      logins.login("nobody.here", "wrong password", "a");
    }

    assertThat(logins.login("nobody.here", "wrong password", "a"))
        .isInstanceOf(LoginService.Locked.class);
  }

  @Test
  void aTokenPastItsExpiryIsRefusedAsExpiredEvenAfterItWasAccepted() throws Exception {
    String token = auth.login("li.operator").access().token();
    assertThat(auth.check(token)).isInstanceOf(Authenticator.Authentication.Accepted.class);

    auth.clock.advance(Duration.ofMinutes(15));

    assertThat(auth.refusal(token)).startsWith("expired at 2026-11-27T08:15:00Z");
  }

  @Test
  void aRefreshGivesANewPairAndReusingTheOldRefreshTokenRevokesTheWholeSession() throws Exception {
    LoginService logins = auth.module.logins();
    LoginService.TokenPair first = auth.login("li.operator");

    LoginService.Outcome refreshed = logins.refresh(first.refreshToken(), "a");
    LoginService.TokenPair second = ((LoginService.Granted) refreshed).tokens();
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(auth.check(second.access().token()))
        .isInstanceOf(Authenticator.Authentication.Accepted.class);

    LoginService.Outcome reuse = logins.refresh(first.refreshToken(), "a");

    assertThat(((LoginService.Refused) reuse).reason()).contains("already used");
    assertThat(logins.refresh(second.refreshToken(), "a")).isInstanceOf(LoginService.Refused.class);
    assertThat(auth.refusal(second.access().token())).startsWith("revoked");
    assertThat(auth.refusal(first.access().token())).startsWith("revoked");
  }

  @Test
  void logoutRevokesTheTokenAndItsSessionsRefreshToken() throws Exception {
    LoginService.TokenPair pair = auth.login("li.operator");
    TokenAuthenticator.Verified verified =
        auth.module.authenticator().verified(pair.access().token()).orElseThrow();

    auth.module.logins().logout(verified, "a");

    assertThat(auth.refusal(pair.access().token())).startsWith("revoked");
    assertThat(auth.module.logins().refresh(pair.refreshToken(), "a"))
        .isEqualTo(new LoginService.Refused("refresh token revoked", Duration.ZERO));
  }

  @Test
  void disablingAUserStopsItsLiveTokenAtOnceAndEnablingDoesNotBringItBack() throws Exception {
    String token = auth.login("li.operator").access().token();
    assertThat(auth.check(token)).isInstanceOf(Authenticator.Authentication.Accepted.class);

    auth.module.admin().setDisabled(auth.admin(), "li.operator", true);
    String whileDisabled = auth.refusal(token);
    auth.module.admin().setDisabled(auth.admin(), "li.operator", false);

    assertThat(whileDisabled).isEqualTo("user disabled");
    assertThat(auth.refusal(token)).startsWith("revoked");
    assertThat(auth.module.logins().login("li.operator", AuthHarness.PASSWORD, "a"))
        .isInstanceOf(LoginService.Granted.class);
  }

  @Test
  void aUserDisabledInTheStoreByAnotherProcessLosesItsTokenWithinTheRefresh() throws Exception {
    String token = auth.login("li.operator").access().token();

    new UserStore(auth.db.dataSource()).setDisabled("li.operator", true);

    await().atMost(Duration.ofSeconds(10)).until(() -> auth.refusal(token).equals("user disabled"));
  }

  @Test
  void aDisabledUserCannotLogIn() throws Exception {
    auth.module.admin().setDisabled(auth.admin(), "li.operator", true);

    assertThat(auth.module.logins().login("li.operator", AuthHarness.PASSWORD, "a"))
        .isInstanceOf(LoginService.Refused.class);
  }

  @Test
  void changingThePasswordRevokesEveryTokenOfTheUserAndTheOldPasswordStopsWorking()
      throws Exception {
    LoginService.TokenPair pair = auth.login("li.operator");

    auth.module.admin().setPassword(auth.admin(), "li.operator", "a brand new passphrase");

    assertThat(auth.refusal(pair.access().token())).startsWith("revoked");
    assertThat(auth.module.logins().refresh(pair.refreshToken(), "a"))
        .isInstanceOf(LoginService.Refused.class);
    assertThat(auth.module.logins().login("li.operator", AuthHarness.PASSWORD, "a"))
        .isInstanceOf(LoginService.Refused.class);
    assertThat(auth.module.logins().login("li.operator", "a brand new passphrase", "a"))
        .isInstanceOf(LoginService.Granted.class);
  }

  @Test
  void aCountyAdminManagesItsCountyButNotTheNeighbourOrTheCity() throws Exception {
    auth.add("zhou.admin", Role.ADMIN, "430702", Clearance.FULL);
    auth.add("he.operator", Role.OPERATOR, "430703", Clearance.FULL);
    UserAdmin admin = auth.module.admin();
    UserAdmin.Actor county = new UserAdmin.Actor("zhou.admin", "a", Role.ADMIN, "430702");

    UserAdmin.Result village =
        admin.add(
            county,
            new UserAdmin.NewUser(
                "wu.village",
                AuthHarness.PASSWORD,
                Role.OPERATOR,
                "430702001001",
                Clearance.MASKED));
    UserAdmin.Result neighbour = admin.setDisabled(county, "he.operator", true);
    UserAdmin.Result city =
        admin.add(
            county,
            new UserAdmin.NewUser(
                "xu.city", AuthHarness.PASSWORD, Role.SUPERVISOR, "430700", Clearance.FULL));

    assertThat(village).isInstanceOf(UserAdmin.Done.class);
    assertThat(neighbour).isInstanceOf(UserAdmin.Forbidden.class);
    assertThat(city).isInstanceOf(UserAdmin.Forbidden.class);
    assertThat(admin.list(county))
        .extracting(UserAccount::name)
        .containsExactly("li.operator", "wu.village", "zhou.admin");
    assertThat(auth.audit)
        .filteredOn(e -> e.actor().equals("zhou.admin"))
        .extracting(e -> e.action() + " " + e.subject() + " " + e.outcome())
        .containsExactly(
            "user.add wu.village ok",
            "user.disable he.operator refused",
            "user.add xu.city refused");
  }

  @Test
  void aNewUserNeedsAKnownRegionAValidNameAndALongEnoughPassword() throws Exception {
    UserAdmin.Result r =
        auth.module
            .admin()
            .add(
                auth.admin(),
                new UserAdmin.NewUser(
                    "Bad Name", "short", Role.OPERATOR, "999999", Clearance.FULL));

    assertThat(((UserAdmin.Invalid) r).errors())
        .extracting(e -> e.path())
        .containsExactly("body.name", "body.password", "body.jurisdiction");
  }

  @Test
  void theFirstAdminComesFromTheEnvironmentWithTheCityAsJurisdiction() throws Exception {
    UserAccount admin = new UserStore(auth.db.dataSource()).find("chen.admin").orElseThrow();

    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    assertThat(admin.jurisdiction()).isEqualTo("430700");
    assertThat(admin.clearance()).isEqualTo(Clearance.FULL);
  }
}
