package org.sharpeyes.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.schema.testing.MutableClock;

/**
 * Tokens of an external OpenID Connect issuer, made by the test with its own RSA keys; the issuer's
 * discovery document and JWKS are served by a Vert.x server on 127.0.0.1.
 */
class OidcIssuerTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private KeyPair key;
  private KeyPair otherKey;
  private HttpServer server;
  private String issuer;
  private TokenAuthenticator authenticator;

  @BeforeEach
  void serveDiscoveryAndKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
    otherKey = g.generateKeyPair();
    JsonObject jwks = new JsonObject().put("keys", new JsonArray().add(jwk("k1", key)));
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (req.path().equals("/realms/city/.well-known/openid-configuration")) {
                    req.response()
                        .end(
                            new JsonObject()
                                .put("issuer", issuer)
                                .put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                                .encode());
                  } else if (req.path().equals("/realms/city/protocol/openid-connect/certs")) {
                    req.response().end(jwks.encode());
                  } else {
                    req.response().setStatusCode(404).end();
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
    issuer = "http://127.0.0.1:" + server.actualPort() + "/realms/city";
    AuthConfig.Oidc config =
        new AuthConfig.Oidc(
            URI.create(issuer),
            "sharpeyes-api",
            null,
            Duration.ofMinutes(10),
            "preferred_username",
            "sharpeyes_role",
            "sharpeyes_jurisdiction",
            "sharpeyes_clearance",
            Map.of("cc-operator", "operator"));
    authenticator = authenticator(new OidcIssuer(config, vertx, clock));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void aTokenOfTheIssuerIsAcceptedWithItsClaimsMappedToRoleJurisdictionAndClearance() {
    String token = sign(key, "k1", claims());

    assertThat(authenticator.authenticate(token))
        .isEqualTo(
            new Authenticator.Authentication.Accepted(
                new Principal("yang.desk", Role.OPERATOR, "430703", Clearance.FULL, issuer)));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String token = sign(key, "k1", claims().put("aud", "some-other-app"));

    assertThat(refusal(token)).isEqualTo("wrong audience: this server is sharpeyes-api");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefusedAsUnknownIssuer() {
    String token = sign(key, "k1", claims().put("iss", "https://elsewhere.example/realms/x"));

    assertThat(refusal(token)).isEqualTo("unknown issuer https://elsewhere.example/realms/x");
  }

  @Test
  void aTokenSignedWithAKeyTheIssuerDoesNotPublishIsRefused() {
    assertThat(refusal(sign(otherKey, "k9", claims()))).isEqualTo("unknown key id k9");
    assertThat(refusal(sign(otherKey, "k1", claims()))).isEqualTo("bad signature");
  }

  @Test
  void anExpiredTokenIsRefusedAfterTheLeeway() {
    String token = sign(key, "k1", claims());

    clock.advance(Duration.ofMinutes(5).plus(OidcIssuer.LEEWAY));

    assertThat(refusal(token)).startsWith("expired at");
  }

  @Test
  void aTokenWithoutARoleIsRefusedSayingWhichClaimIsMissing() {
    JsonObject claims = claims();
    claims.remove("sharpeyes_role");

    assertThat(refusal(sign(key, "k1", claims)))
        .isEqualTo("no role: claim sharpeyes_role is missing or not a known role");
  }

  @Test
  void keysCanComeFromAJwksFileInsteadOfDiscovery() throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(
        file, new JsonObject().put("keys", new JsonArray().add(jwk("k1", key))).encode());
    AuthConfig.Oidc config = AuthConfig.Oidc.of(URI.create(issuer), "sharpeyes-api", file);
    TokenAuthenticator fromFile = authenticator(new OidcIssuer(config, vertx, clock));

    assertThat(fromFile.authenticate(sign(key, "k1", claims().put("sharpeyes_role", "auditor"))))
        .isInstanceOf(Authenticator.Authentication.Accepted.class);
  }

  private TokenAuthenticator authenticator(OidcIssuer oidc) throws Exception {
    assertThat(oidc.refresh()).isTrue();
    SigningKeys keys = SigningKeys.load(AuthConfig.Keys.GENERATED, dir);
    LocalTokens local = new LocalTokens(vertx, keys, "sharpeyes", Duration.ofMinutes(15), clock);
    return new TokenAuthenticator(local, oidc, new Revocations(null, null, clock));
  }

  private String refusal(String token) {
    return ((Authenticator.Authentication.Refused) authenticator.authenticate(token)).reason();
  }

  private JsonObject claims() {
    long now = clock.instant().getEpochSecond();
    return new JsonObject()
        .put("iss", issuer)
        .put("aud", new JsonArray().add("account").add("sharpeyes-api"))
        .put("sub", "f1c2a3")
        .put("preferred_username", "yang.desk")
        .put("sharpeyes_role", "cc-operator")
        .put("sharpeyes_jurisdiction", "430703")
        .put("sharpeyes_clearance", "full")
        .put("iat", now)
        .put("exp", now + 300);
  }

  private String sign(KeyPair pair, String kid, JsonObject claims) {
    String pem = SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(pem)));
    return signer.generateToken(
        claims,
        new JWTOptions()
            .setAlgorithm("RS256")
            .setNoTimestamp(true)
            .setHeader(new JsonObject().put("kid", kid)));
  }

  private static JsonObject jwk(String kid, KeyPair pair) {
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    return new JsonObject()
        .put("kty", "RSA")
        .put("kid", kid)
        .put("use", "sig")
        .put("alg", "RS256")
        .put("n", b64(pub.getModulus()))
        .put("e", b64(pub.getPublicExponent()));
  }

  private static String b64(BigInteger v) {
    byte[] bytes = v.toByteArray();
    if (bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
