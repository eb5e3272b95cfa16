package org.sharpeyes.edge.adapter.viid;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A GA/T 1400 capture device as a test drives it: a small Digest client (RFC 7616, MD5, qop=auth)
 * and the JSON it pushes. Talks only to 127.0.0.1.
 */
final class ViidTestDevice {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  final String id;
  private final String password;

  ViidTestDevice(int port, String id, String password) {
    this.base = "http://127.0.0.1:" + port;
    this.id = id;
    this.password = password;
  }

  /** What a challenge offered. */
  record Challenge(String realm, String nonce, String opaque, boolean stale) {}

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/VIID+JSON;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  String registerBody() {
    return "{\"RegisterObject\":{\"DeviceID\":\"" + id + "\"}}";
  }

  /** The challenge of a first, unauthenticated register. */
  Challenge challenge() throws IOException, InterruptedException {
    HttpResponse<String> r =
        post(ViidHttpHandler.REGISTER, registerBody(), Map.of("User-Identify", id));
    return parse(r).orElseThrow(() -> new AssertionError("no challenge: " + r.statusCode()));
  }

  static Optional<Challenge> parse(HttpResponse<String> r) {
    return r.headers()
        .firstValue("WWW-Authenticate")
        .map(
            h -> {
              Map<String, String> p = DigestParams.parse(h);
              return new Challenge(
                  p.get("realm"), p.get("nonce"), p.get("opaque"), "true".equals(p.get("stale")));
            });
  }

  /** Registers with the answer to {@code c}, as nonce count {@code nc}. */
  HttpResponse<String> register(Challenge c, int nc, String pw)
      throws IOException, InterruptedException {
    return post(
        ViidHttpHandler.REGISTER,
        registerBody(),
        Map.of(
            "User-Identify",
            id,
            "Authorization",
            authorization(c, nc, pw, ViidHttpHandler.REGISTER)));
  }

  /** Challenge, then register with the right password. */
  HttpResponse<String> register() throws IOException, InterruptedException {
    return register(challenge(), 1, password);
  }

  HttpResponse<String> keepalive() throws IOException, InterruptedException {
    return post(
        ViidHttpHandler.KEEPALIVE,
        "{\"KeepaliveObject\":{\"DeviceID\":\"" + id + "\"}}",
        Map.of("User-Identify", id));
  }

  HttpResponse<String> push(String path, String body) throws IOException, InterruptedException {
    return post(path, body, Map.of("User-Identify", id));
  }

  String authorization(Challenge c, int nc, String pw, String uri) {
    String ncText = String.format("%08x", nc);
    String cnonce = "0a4f113b";
    String ha1 = DigestAuthenticator.md5Hex(id + ":" + c.realm() + ":" + pw);
    String ha2 = DigestAuthenticator.md5Hex("POST:" + uri);
    String response =
        DigestAuthenticator.md5Hex(
            ha1 + ":" + c.nonce() + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\""
        + id
        + "\", realm=\""
        + c.realm()
        + "\", nonce=\""
        + c.nonce()
        + "\", uri=\""
        + uri
        + "\", qop=auth, nc="
        + ncText
        + ", cnonce=\""
        + cnonce
        + "\", algorithm=MD5, opaque=\""
        + c.opaque()
        + "\", response=\""
        + response
        + "\"";
  }
}
