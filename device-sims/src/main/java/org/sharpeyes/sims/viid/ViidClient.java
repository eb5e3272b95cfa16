package org.sharpeyes.sims.viid;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to a GA/T 1400 platform as one device: JSON bodies as {@code application/VIID+JSON}, the
 * {@code User-Identify} header, and HTTP Digest. The first request goes without credentials; a 401
 * brings the challenge, and the request is sent once more with an answer to it. Later requests
 * answer the same challenge with the next nonce count. A 401 to an answered request is retried once
 * when the nonce was stale or has changed (the platform restarted); otherwise it stands, with
 * {@link Exchange#authRejected()} set. Blocking; one caller at a time.
 */
final class ViidClient {

  static final String CONTENT_TYPE = "application/VIID+JSON;charset=UTF-8";

  /** Answer bytes read at most; the rest is dropped (a status list for 100 objects is ~15 KB). */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final HttpClient http;
  private final URI base;
  private final String deviceId;
  private final DigestAuthorizer digest;
  private final Duration timeout;

  ViidClient(URI base, String deviceId, String password, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
    this.base = base;
    this.deviceId = deviceId;
    this.digest = new DigestAuthorizer(deviceId, password);
    this.timeout = timeout;
  }

  /**
   * One answered request.
   *
   * @param authRejected true when the platform answered 401 to credentials it had asked for
   */
  record Exchange(int status, String body, boolean authRejected, Duration latency) {}

  Exchange post(String path, String json) throws IOException, InterruptedException {
    return exchange("POST", path, json);
  }

  Exchange get(String path) throws IOException, InterruptedException {
    return exchange("GET", path, null);
  }

  private Exchange exchange(String method, String path, String json)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    DigestChallenge used = digest.challenge();
    String authorization = digest.authorization(method, path);
    Answer response = send(method, path, json, authorization);
    if (response.status() == 401) {
      Optional<DigestChallenge> challenge =
          DigestChallenge.first(response.headers().allValues("WWW-Authenticate"));
      if (challenge.isEmpty()) {
        return done(response, true, started);
      }
      DigestChallenge fresh = challenge.get();
      boolean retry = authorization == null || fresh.stale() || !fresh.nonce().equals(used.nonce());
      digest.accept(fresh);
      if (!retry) {
        return done(response, true, started);
      }
      response = send(method, path, json, digest.authorization(method, path));
      if (response.status() == 401) {
        DigestChallenge.first(response.headers().allValues("WWW-Authenticate"))
            .ifPresent(digest::accept);
        return done(response, true, started);
      }
    }
    return done(response, false, started);
  }

  private static Exchange done(Answer response, boolean rejected, long started) {
    return new Exchange(
        response.status(),
        response.body(),
        rejected,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** An answer with its body cut at {@link #MAX_ANSWER_BYTES}. */
  private record Answer(int status, HttpHeaders headers, String body) {}

  private Answer send(String method, String path, String json, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("User-Identify", deviceId)
            .header("Accept", "application/VIID+JSON, application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      String body = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
      return new Answer(response.statusCode(), response.headers(), body);
    }
  }
}
