package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.schema.testing.MutableClock;

class SigningKeysTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aKeyGeneratedAtFirstStartIsKeptOwnerOnlyAndReusedAfterwards() throws Exception {
    SigningKeys first = SigningKeys.load(AuthConfig.Keys.GENERATED, dir);
    SigningKeys second = SigningKeys.load(AuthConfig.Keys.GENERATED, dir);

    assertThat(second.kid()).isEqualTo(first.kid());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(
                    dir.resolve("auth").resolve(SigningKeys.PRIVATE_FILE))))
        .isEqualTo("rw-------");
  }

  @Test
  void afterRotationTokensOfThePreviousKeyAreStillAcceptedAndThoseOfAnUnlistedKeyAreNot()
      throws Exception {
    Path old = Files.createDirectories(dir.resolve("old"));
    Path fresh = Files.createDirectories(dir.resolve("new"));
    Path stranger = Files.createDirectories(dir.resolve("stranger"));
    SigningKeys oldKeys = SigningKeys.load(AuthConfig.Keys.GENERATED, old);
    SigningKeys.load(AuthConfig.Keys.GENERATED, fresh);
    SigningKeys strangerKeys = SigningKeys.load(AuthConfig.Keys.GENERATED, stranger);
    UserAccount user =
        new UserAccount(
            "li.operator",
            Role.OPERATOR,
            "430702",
            Clearance.FULL,
            "x",
            false,
            clock.instant(),
            clock.instant(),
            0,
            null,
            0);
    String oldToken = tokens(oldKeys).issue(user, "s1").token();
    String strangerToken = tokens(strangerKeys).issue(user, "s2").token();

    SigningKeys rotated =
        SigningKeys.load(
            new AuthConfig.Keys(
                pem(fresh, SigningKeys.PRIVATE_FILE),
                pem(fresh, SigningKeys.PUBLIC_FILE),
                List.of(pem(old, SigningKeys.PUBLIC_FILE))),
            dir);
    LocalTokens now = tokens(rotated);

    assertThat(now.verify(oldToken, JwtKeys.peek(oldToken))).isInstanceOf(LocalTokens.Claims.class);
    assertThat(now.verify(strangerToken, JwtKeys.peek(strangerToken)))
        .isEqualTo("unknown key id " + strangerKeys.kid());
    assertThat(JwtKeys.peek(now.issue(user, "s3").token()).header().getString("kid"))
        .isEqualTo(rotated.kid());
  }

  @Test
  void aTokenWhoseSignatureWasTamperedWithIsRefusedAsBadSignature() throws Exception {
    LocalTokens tokens = tokens(SigningKeys.load(AuthConfig.Keys.GENERATED, dir));
    UserAccount user =
        new UserAccount(
            "li.operator",
            Role.OPERATOR,
            "430702",
            Clearance.FULL,
            "x",
            false,
            clock.instant(),
            clock.instant(),
            0,
            null,
            0);
    String token = tokens.issue(user, "s1").token();
    String[] parts = token.split("\\.");
    String forged =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    JwtKeys.peek(token).claims().put("role", "admin").encode().getBytes())
            + "."
            + parts[2];

    // The genuine token, checked first, is remembered by its exact text: the forged one is not it.
    assertThat(tokens.verify(token, JwtKeys.peek(token))).isInstanceOf(LocalTokens.Claims.class);
    assertThat(tokens.verify(forged, JwtKeys.peek(forged))).isEqualTo("bad signature");
  }

  private LocalTokens tokens(SigningKeys keys) {
    return new LocalTokens(vertx, keys, "sharpeyes", Duration.ofMinutes(15), clock);
  }

  private static Path pem(Path dataDir, String file) {
    return dataDir.resolve("auth").resolve(file);
  }
}
