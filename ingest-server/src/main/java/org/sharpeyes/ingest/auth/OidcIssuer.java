package org.sharpeyes.ingest.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.config.AuthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external OpenID Connect issuer whose access tokens this server accepts: its signing keys (from
 * a JWKS file, or its discovery document's {@code jwks_uri}, fetched at start and every {@code
 * jwksRefresh}), its audience, and how its claims map to role, jurisdiction and clearance.
 *
 * <p>{@link #verify} runs on the event loop and never blocks; {@link #refresh} blocks (file or
 * HTTP) and runs on a scheduler thread.
 */
public final class OidcIssuer {

  /** Tolerated difference between the provider's clock and ours. */
  static final Duration LEEWAY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(OidcIssuer.class);
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_JWKS_BYTES = 256 * 1024;

  private final AuthConfig.Oidc config;
  private final Vertx vertx;
  private final Clock clock;
  private final HttpClient http;
  private final AtomicReference<JwtKeys> keys = new AtomicReference<>(JwtKeys.none());
  private volatile String lastError = "keys not fetched yet";

  public OidcIssuer(AuthConfig.Oidc config, Vertx vertx, Clock clock) {
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(HTTP_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public String issuer() {
    return config.issuerText();
  }

  /**
   * Reads the keys again. Keeps the previous keys when that fails (logged; the next refresh tries
   * again). Blocking.
   *
   * @return whether keys were read
   */
  public boolean refresh() {
    try {
      JsonObject jwks =
          config.jwksFile() != null
              ? new JsonObject(Files.readString(config.jwksFile()))
              : fetch(jwksUri());
      Map<String, JsonObject> byKid = new LinkedHashMap<>();
      JsonArray list = jwks.getJsonArray("keys", new JsonArray());
      for (int i = 0; i < list.size(); i++) {
        if (list.getValue(i) instanceof JsonObject jwk
            && jwk.getValue("kid") instanceof String kid
            && !"enc".equals(jwk.getString("use"))) {
          byKid.put(kid, jwk);
        }
      }
      keys.set(JwtKeys.ofJwks(vertx, byKid));
      lastError = null;
      LOG.info("OIDC issuer {}: {} signing key(s) {}", issuer(), byKid.size(), byKid.keySet());
      return true;
    } catch (IOException | RuntimeException e) {
      lastError = e.getMessage();
      LOG.warn(
          "OIDC issuer {}: cannot read its keys ({}); keeping the previous ones",
          issuer(),
          e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether {@code kid} is among the keys read last. */
  boolean knows(String kid) {
    return keys.get().knows(kid);
  }

  /** Checks a token that names this issuer: signature, times, audience, mapped claims. */
  Object verify(String token, JwtKeys.Unverified seen) {
    JwtKeys current = keys.get();
    if (current.size() == 0) {
      return "the keys of issuer " + issuer() + " are not available (" + lastError + ")";
    }
    JwtKeys.Result r = current.verify(token, seen);
    if (r instanceof JwtKeys.Invalid invalid) {
      return invalid.reason();
    }
    JsonObject c = ((JwtKeys.Valid) r).claims();
    Instant now = clock.instant();
    Instant exp = JwtKeys.instant(c, "exp");
    if (exp == null) {
      return "malformed: no expiry (exp)";
    }
    if (!now.minus(LEEWAY).isBefore(exp)) {
      return "expired at " + exp;
    }
    Instant nbf = JwtKeys.instant(c, "nbf");
    if (nbf != null && now.plus(LEEWAY).isBefore(nbf)) {
      return "not valid before " + nbf;
    }
    if (!hasAudience(c.getValue("aud"))) {
      return "wrong audience: this server is " + config.audience();
    }
    return principal(c);
  }

  private Object principal(JsonObject c) {
    String name = text(c, config.nameClaim());
    if (name == null) {
      name = text(c, "sub");
    }
    String roleValue = text(c, config.roleClaim());
    String label = roleValue == null ? null : config.roleMap().getOrDefault(roleValue, roleValue);
    Role role = label == null ? null : Role.fromLabel(label).orElse(null);
    String jur = text(c, config.jurisdictionClaim());
    String clrValue = text(c, config.clearanceClaim());
    Clearance clr =
        clrValue == null ? Clearance.MASKED : Clearance.fromLabel(clrValue).orElse(null);
    if (name == null) {
      return "malformed: no user name (" + config.nameClaim() + " or sub)";
    }
    if (role == null) {
      return "no role: claim " + config.roleClaim() + " is missing or not a known role";
    }
    if (jur == null) {
      return "no jurisdiction: claim " + config.jurisdictionClaim() + " is missing";
    }
    if (clr == null) {
      return "claim " + config.clearanceClaim() + " is neither masked nor full";
    }
    return new Principal(name, role, jur, clr, issuer());
  }

  private boolean hasAudience(Object aud) {
    if (aud instanceof String s) {
      return s.equals(config.audience());
    }
    return aud instanceof JsonArray a && a.contains(config.audience());
  }

  private URI jwksUri() throws IOException, InterruptedException {
    String base = issuer().endsWith("/") ? issuer() : issuer() + "/";
    JsonObject discovery = fetch(URI.create(base + ".well-known/openid-configuration"));
    if (!issuer().equals(discovery.getString("issuer"))) {
      throw new IOException(
          "its discovery document names issuer "
              + discovery.getValue("issuer")
              + ", not "
              + issuer());
    }
    Object uri = discovery.getValue("jwks_uri");
    if (!(uri instanceof String s)) {
      throw new IOException("its discovery document has no jwks_uri");
    }
    return URI.create(s);
  }

  private JsonObject fetch(URI uri) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    if (response.body().length > MAX_JWKS_BYTES) {
      throw new IOException(uri + " answered more than " + MAX_JWKS_BYTES + " bytes");
    }
    return new JsonObject(io.vertx.core.buffer.Buffer.buffer(response.body()));
  }

  private static String text(JsonObject c, String name) {
    Object v = c.getValue(name);
    return v instanceof String s && !s.isBlank() ? s : null;
  }
}
