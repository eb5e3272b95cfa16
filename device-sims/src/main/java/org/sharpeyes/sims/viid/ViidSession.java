package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.sharpeyes.sims.viid.ViidClient.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's standing with the platform: registration (with a capped, jittered backoff between
 * attempts), keepalives, and unregistration. A refused registration (HTTP 401 to the Digest answer,
 * 403, or a status code other than busy/reboot) is final: {@link #refusal()} says why. Used by the
 * simulator thread only, except the volatile state getters.
 */
final class ViidSession {

  private static final Logger log = LoggerFactory.getLogger(ViidSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final ViidSimulatorOptions options;
  private final ViidClient client;
  private final Clock clock;
  private final ViidTally tally;
  private final Consumer<Consumer<ViidListener>> tell;
  private final Random jitter = new Random();
  private volatile boolean registered;
  private volatile String refusal;
  private Instant nextKeepalive = Instant.MIN;
  private Instant retryAt = Instant.MIN;
  private Duration backoff = FIRST_BACKOFF;

  ViidSession(
      ViidSimulatorOptions options,
      ViidClient client,
      Clock clock,
      ViidTally tally,
      Consumer<Consumer<ViidListener>> tell) {
    this.options = options;
    this.client = client;
    this.clock = clock;
    this.tally = tally;
    this.tell = tell;
  }

  boolean isRegistered() {
    return registered;
  }

  String refusal() {
    return refusal;
  }

  Instant retryAt() {
    return retryAt;
  }

  Instant nextKeepalive() {
    return nextKeepalive;
  }

  /**
   * One registration attempt.
   *
   * @return true when the device is now registered
   */
  boolean register() throws InterruptedException {
    try {
      Exchange answer = client.post("/VIID/System/Register", deviceObject("RegisterObject"));
      if (answer.authRejected() || answer.status() == 403) {
        refuse(
            "the platform refused device "
                + options.deviceId()
                + " (HTTP "
                + answer.status()
                + " to its Digest credentials): check the password and that the platform knows"
                + " this device id");
        return false;
      }
      if (answer.status() != 200) {
        registrationFailed("HTTP " + answer.status() + " " + abbreviate(answer.body()));
        return false;
      }
      ResponseStatus status = firstStatus(answer.body());
      if (!status.isOk()) {
        String reason = "code " + status.statusCode() + " " + status.statusString();
        if (status.statusCode() == ResponseStatus.DEVICE_BUSY
            || status.statusCode() == ResponseStatus.REBOOT) {
          registrationFailed(reason);
        } else {
          refuse("the platform refused to register device " + options.deviceId() + ": " + reason);
        }
        return false;
      }
      registered = true;
      long n = tally.registrations.incrementAndGet();
      backoff = FIRST_BACKOFF;
      nextKeepalive = clock.instant().plus(options.keepalive());
      log.info(
          "device {} registered with {} (registration {})", options.deviceId(), options.url(), n);
      tell.accept(l -> l.registered((int) n));
      checkTime();
      return true;
    } catch (IOException e) {
      registrationFailed("no answer: " + e);
    } catch (IllegalArgumentException e) {
      registrationFailed("unreadable answer: " + e.getMessage());
    }
    return false;
  }

  /**
   * Asks the platform's time, as devices do after registering to set their clocks; the simulator
   * only logs how far apart the clocks are (its capture times come from its own clock).
   */
  private void checkTime() throws InterruptedException {
    try {
      Exchange answer = client.get("/VIID/System/Time");
      String local =
          answer.status() == 200
              ? JSON.readTree(answer.body()).path("SystemTimeObject").path("LocalTime").asText("")
              : "";
      if (local.isEmpty()) {
        log.info("the platform gave no time (HTTP {})", answer.status());
      } else {
        log.info("platform time {} (Beijing), ours {}", local, ViidIds.time(clock.instant()));
      }
    } catch (IOException e) {
      log.info("the platform gave no time: {}", e.toString());
    }
  }

  void keepalive() throws InterruptedException {
    nextKeepalive = clock.instant().plus(options.keepalive());
    String detail;
    boolean ok = false;
    try {
      Exchange answer = client.post("/VIID/System/Keepalive", deviceObject("KeepaliveObject"));
      if (answer.authRejected()) {
        detail = "HTTP 401: the platform no longer knows the device; registering again";
        lost(false);
      } else if (answer.status() != 200) {
        detail = "HTTP " + answer.status() + " " + abbreviate(answer.body());
      } else {
        ResponseStatus status = firstStatus(answer.body());
        ok = status.isOk();
        detail = ok ? "OK" : "code " + status.statusCode() + " " + status.statusString();
        if (!ok) {
          detail += "; registering again";
          lost(false);
        }
      }
    } catch (IOException e) {
      detail = "no answer (" + e + "); registering again";
      lost(true);
    } catch (IllegalArgumentException e) {
      detail = "unreadable answer: " + e.getMessage();
    }
    (ok ? tally.keepalivesOk : tally.keepalivesFailed).incrementAndGet();
    if (!ok) {
      log.warn("keepalive failed: {}", detail);
    }
    boolean answeredOk = ok;
    String said = detail;
    tell.accept(l -> l.keepalive(answeredOk, said));
  }

  void unregister() throws InterruptedException {
    try {
      Exchange answer = client.post("/VIID/System/UnRegister", deviceObject("UnRegisterObject"));
      log.info("device {} unregistered: HTTP {}", options.deviceId(), answer.status());
    } catch (IOException e) {
      log.warn("unregister got no answer: {}", e.toString());
    }
    registered = false;
  }

  /**
   * Not registered any more: the platform forgot the device (register again at once) or went away
   * ({@code withBackoff}: wait first, longer each time up to the maximum).
   */
  void lost(boolean withBackoff) {
    registered = false;
    Instant now = clock.instant();
    if (withBackoff) {
      long millis = (long) (backoff.toMillis() * (0.8 + 0.4 * jitter.nextDouble()));
      retryAt = now.plusMillis(millis);
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : doubled;
    } else {
      retryAt = now;
    }
  }

  private void registrationFailed(String reason) {
    tally.registrationFailures.incrementAndGet();
    lost(true);
    log.warn(
        "registration failed ({}); next attempt in {} ms",
        reason,
        Duration.between(clock.instant(), retryAt).toMillis());
    tell.accept(l -> l.registrationFailed(reason));
  }

  private void refuse(String reason) {
    refusal = reason;
    registered = false;
    log.error(reason);
  }

  /** The first status of an answer; a blank 200 counts as OK, as some platforms send. */
  private static ResponseStatus firstStatus(String body) {
    if (body == null || body.isBlank()) {
      return new ResponseStatus("", ResponseStatus.OK, "", "");
    }
    List<ResponseStatus> statuses = ResponseStatus.parse(body);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("the answer holds no ResponseStatusObject");
    }
    return statuses.get(0);
  }

  private String deviceObject(String name) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject(name).put("DeviceID", options.deviceId());
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String abbreviate(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
