package org.sharpeyes.sims.viid;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.sharpeyes.sims.plate.PlatePool;

/**
 * What a simulated GA/T 1400 device does: where the platform is, who the device is, what it sends
 * and how fast. Immutable; built by {@link #builder()}, whose setters fail fast with a sentence.
 *
 * @param url the platform's base URL, e.g. {@code http://127.0.0.1:8088}
 * @param deviceId the device's 20-digit id: Digest user name, {@code User-Identify} and {@code
 *     DeviceID}
 * @param password the Digest password
 * @param kinds what it captures
 * @param ratePerSecond objects per second, all kinds together
 * @param count objects in total; 0 for no limit
 * @param duration how long to run; {@code null} for no limit (until count or {@link
 *     ViidSimulator#stop()})
 * @param batch objects per request, at most
 * @param keepalive time between keepalives
 * @param pool the plates vehicles carry
 * @param hotShare share of vehicles drawn from the pool's hot plates, 0..1
 * @param misreadShare share of vehicles whose plate is sent misread, 0..1
 * @param portraits the faces sent; needed when {@code kinds} has {@link CaptureKind#FACE}
 * @param pictureBytes size the scene/vehicle picture is padded to
 * @param seed fixes the sequence of objects
 * @param silentAfter after this, the device sends nothing more (no keepalive, no object, no
 *     unregister), as a device that lost power; {@code null} for never
 * @param requestTimeout per-request answer timeout
 * @param maxBackoff the longest wait between registration attempts
 */
public record ViidSimulatorOptions(
    URI url,
    String deviceId,
    String password,
    Set<CaptureKind> kinds,
    double ratePerSecond,
    long count,
    Duration duration,
    int batch,
    Duration keepalive,
    PlatePool pool,
    double hotShare,
    double misreadShare,
    List<Portrait> portraits,
    int pictureBytes,
    long seed,
    Duration silentAfter,
    Duration requestTimeout,
    Duration maxBackoff) {

  public static final double DEFAULT_RATE = 2;
  public static final int DEFAULT_BATCH = 1;
  public static final int MAX_BATCH = 100;
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(30);
  public static final int DEFAULT_PICTURE_BYTES = 100 * 1024;
  public static final int MAX_PICTURE_BYTES = 8 * 1024 * 1024;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  public ViidSimulatorOptions {
    kinds = Set.copyOf(kinds);
    portraits = List.copyOf(portraits);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds options; every setter checks its bound and says what is wrong. */
  public static final class Builder {
    private URI url;
    private String deviceId;
    private String password;
    private Set<CaptureKind> kinds = EnumSet.of(CaptureKind.VEHICLE);
    private double ratePerSecond = DEFAULT_RATE;
    private long count;
    private Duration duration;
    private int batch = DEFAULT_BATCH;
    private Duration keepalive = DEFAULT_KEEPALIVE;
    private PlatePool pool = PlatePool.generated();
    private double hotShare;
    private double misreadShare;
    private List<Portrait> portraits = List.of();
    private int pictureBytes = DEFAULT_PICTURE_BYTES;
    private long seed = 1;
    private Duration silentAfter;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

    private Builder() {}

    public Builder url(URI url) {
      String scheme = url.getScheme();
      if (!("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
        throw new IllegalArgumentException(
            "the platform URL must be http(s)://host:port, was " + url);
      }
      this.url = url;
      return this;
    }

    public Builder deviceId(String deviceId) {
      if (deviceId == null || !deviceId.matches("\\d{20}")) {
        throw new IllegalArgumentException("the device id must be 20 digits, was " + deviceId);
      }
      this.deviceId = deviceId;
      return this;
    }

    public Builder password(String password) {
      if (password == null) {
        throw new IllegalArgumentException("the password must be given");
      }
      this.password = password;
      return this;
    }

    public Builder kinds(Set<CaptureKind> kinds) {
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("the device must capture faces, vehicles or both");
      }
      this.kinds = EnumSet.copyOf(kinds);
      return this;
    }

    public Builder ratePerSecond(double rate) {
      if (!(rate > 0 && rate <= 10_000)) {
        throw new IllegalArgumentException(
            "the rate must be above 0 and at most 10000/s, was " + rate);
      }
      this.ratePerSecond = rate;
      return this;
    }

    public Builder count(long count) {
      if (count < 0) {
        throw new IllegalArgumentException("the count must be 0 (no limit) or more, was " + count);
      }
      this.count = count;
      return this;
    }

    public Builder duration(Duration duration) {
      if (duration != null && (duration.isNegative() || duration.isZero())) {
        throw new IllegalArgumentException("the duration must be above 0, was " + duration);
      }
      this.duration = duration;
      return this;
    }

    public Builder batch(int batch) {
      if (batch < 1 || batch > MAX_BATCH) {
        throw new IllegalArgumentException(
            "the batch must be 1.." + MAX_BATCH + " objects per request, was " + batch);
      }
      this.batch = batch;
      return this;
    }

    public Builder keepalive(Duration keepalive) {
      if (keepalive.toMillis() < 100) {
        throw new IllegalArgumentException(
            "the keepalive interval must be at least 100ms, was " + keepalive);
      }
      this.keepalive = keepalive;
      return this;
    }

    public Builder pool(PlatePool pool) {
      this.pool = pool;
      return this;
    }

    public Builder hotShare(double share) {
      this.hotShare = share("hotlist share", share);
      return this;
    }

    public Builder misreadShare(double share) {
      this.misreadShare = share("misread share", share);
      return this;
    }

    public Builder portraits(List<Portrait> portraits) {
      this.portraits = portraits;
      return this;
    }

    public Builder pictureBytes(int bytes) {
      if (bytes < 0 || bytes > MAX_PICTURE_BYTES) {
        throw new IllegalArgumentException(
            "the picture size must be 0.." + MAX_PICTURE_BYTES + " bytes, was " + bytes);
      }
      this.pictureBytes = bytes;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder silentAfter(Duration silentAfter) {
      if (silentAfter != null && silentAfter.isNegative()) {
        throw new IllegalArgumentException(
            "the silence must start at 0s or later, was " + silentAfter);
      }
      this.silentAfter = silentAfter;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      if (timeout.toMillis() < 1) {
        throw new IllegalArgumentException("the request timeout must be above 0, was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      if (maxBackoff.toMillis() < 1) {
        throw new IllegalArgumentException(
            "the longest backoff must be above 0, was " + maxBackoff);
      }
      this.maxBackoff = maxBackoff;
      return this;
    }

    public ViidSimulatorOptions build() {
      if (url == null || deviceId == null || password == null) {
        throw new IllegalArgumentException("the platform URL, device id and password are needed");
      }
      if (kinds.contains(CaptureKind.FACE) && portraits.isEmpty()) {
        throw new IllegalArgumentException("sending faces needs portraits (--portraits DIR)");
      }
      return new ViidSimulatorOptions(
          url,
          deviceId,
          password,
          kinds,
          ratePerSecond,
          count,
          duration,
          batch,
          keepalive,
          pool,
          hotShare,
          misreadShare,
          portraits,
          pictureBytes,
          seed,
          silentAfter,
          requestTimeout,
          maxBackoff);
    }

    private static double share(String what, double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("the " + what + " must be 0..1, was " + share);
      }
      return share;
    }
  }
}
