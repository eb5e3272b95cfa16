package org.sharpeyes.sims.plate;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * What a plate simulator sends, where and how fast. Immutable; build with {@link #builder()}, whose
 * setters reject bad values with a sentence that names the fix.
 *
 * @param target the edge-agent's plate endpoint, e.g. {@code http://127.0.0.1:8081/plates}
 * @param deviceId the simulated reader's GB/T 28181 id, sent as header {@value #DEVICE_ID_HEADER}
 * @param ratePerSecond reads per second
 * @param count reads in total; 0 means no limit (until {@code stop()} or {@code duration})
 * @param duration how long to send; {@link Duration#ZERO} means no limit
 * @param seed fixes the sequence of plates and attributes
 * @param pool the plates to draw from
 * @param hotShare share (0..1) of reads drawn from the pool's hot plates
 * @param rawStyles write plates in the messy styles readers send, instead of normalised
 * @param snapshot attach a generated JPEG to every read
 * @param maxInFlight requests awaiting an answer at most; issuing pauses at the limit
 * @param requestTimeout how long to wait for one answer before counting an error
 * @param credentials sent as HTTP Basic with every read; {@code null} sends none
 */
public record PlateSimulatorOptions(
    URI target,
    GbDeviceId deviceId,
    double ratePerSecond,
    long count,
    Duration duration,
    long seed,
    PlatePool pool,
    double hotShare,
    boolean rawStyles,
    boolean snapshot,
    int maxInFlight,
    Duration requestTimeout,
    BasicCredentials credentials) {

  public static final String DEVICE_ID_HEADER = "X-Device-Id";
  public static final double DEFAULT_RATE = 10;
  public static final long DEFAULT_COUNT = 100;
  public static final double DEFAULT_HOT_SHARE = 0.1;

  /**
   * Well under the edge-agent's default {@code plateHttp.maxConnections} (128): over HTTP/1.1 each
   * request in flight holds a connection, the client may briefly open a few more than it has
   * requests in flight, and the edge closes connections past its limit.
   */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final double MAX_RATE = 100_000;
  public static final int MAX_IN_FLIGHT_LIMIT = 10_000;

  /** Answer bodies are kept up to this many bytes (the edge answers with a few hundred). */
  public static final int MAX_ANSWER_BYTES = 16 * 1024;

  public PlateSimulatorOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (hotShare > 0 && pool.hotPlates().isEmpty()) {
      throw new IllegalArgumentException(
          "hot share "
              + hotShare
              + " needs hot plates: give a hotlist or key-person file, or set the hot share to 0");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive changed copies. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.target = target;
    builder.deviceId = deviceId;
    builder.ratePerSecond = ratePerSecond;
    builder.count = count;
    builder.duration = duration;
    builder.seed = seed;
    builder.pool = pool;
    builder.hotShare = hotShare;
    builder.rawStyles = rawStyles;
    builder.snapshot = snapshot;
    builder.maxInFlight = maxInFlight;
    builder.requestTimeout = requestTimeout;
    builder.credentials = credentials;
    return builder;
  }

  /** True when {@link #count()} and {@link #duration()} are both unlimited. */
  public boolean unbounded() {
    return count == 0 && duration.isZero();
  }

  /** Builds options; every setter checks its value at once. */
  public static final class Builder {
    private URI target;
    private GbDeviceId deviceId;
    private double ratePerSecond = DEFAULT_RATE;
    private long count = DEFAULT_COUNT;
    private Duration duration = Duration.ZERO;
    private long seed = 1;
    private PlatePool pool = PlatePool.generated();
    private double hotShare = 0;
    private boolean rawStyles;
    private boolean snapshot;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private BasicCredentials credentials;

    private Builder() {}

    /** Sends these as HTTP Basic with every read; {@code null} (the default) sends none. */
    public Builder credentials(BasicCredentials credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder target(URI target) {
      String scheme = target == null ? null : target.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException(
            "target '"
                + target
                + "' is not an http(s) URL, expected e.g. http://127.0.0.1:8081/plates");
      }
      if (target.getHost() == null) {
        throw new IllegalArgumentException("target '" + target + "' has no host");
      }
      this.target = target;
      return this;
    }

    public Builder deviceId(String deviceId) {
      this.deviceId = new GbDeviceId(deviceId);
      return this;
    }

    public Builder deviceId(GbDeviceId deviceId) {
      this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
      return this;
    }

    public Builder ratePerSecond(double rate) {
      if (!(rate > 0 && rate <= MAX_RATE)) {
        throw new IllegalArgumentException(
            "rate must be above 0 and at most " + (long) MAX_RATE + " per second, got " + rate);
      }
      this.ratePerSecond = rate;
      return this;
    }

    public Builder count(long count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must be 0 (no limit) or more, got " + count);
      }
      this.count = count;
      return this;
    }

    public Builder duration(Duration duration) {
      if (duration == null || duration.isNegative()) {
        throw new IllegalArgumentException(
            "duration must be zero (no limit) or positive, got " + duration);
      }
      this.duration = duration;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder pool(PlatePool pool) {
      this.pool = Objects.requireNonNull(pool, "pool");
      return this;
    }

    public Builder hotShare(double hotShare) {
      if (!(hotShare >= 0 && hotShare <= 1)) {
        throw new IllegalArgumentException(
            "hot share must be between 0 and 1 (e.g. 0.1 for 10%), got " + hotShare);
      }
      this.hotShare = hotShare;
      return this;
    }

    public Builder rawStyles(boolean rawStyles) {
      this.rawStyles = rawStyles;
      return this;
    }

    public Builder snapshot(boolean snapshot) {
      this.snapshot = snapshot;
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
        throw new IllegalArgumentException(
            "max in flight must be between 1 and " + MAX_IN_FLIGHT_LIMIT + ", got " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("request timeout must be positive, got " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    public PlateSimulatorOptions build() {
      if (target == null) {
        throw new IllegalArgumentException("target is required, e.g. http://127.0.0.1:8081/plates");
      }
      if (deviceId == null) {
        throw new IllegalArgumentException(
            "device id is required: the reader's 20-digit GB/T 28181 id, e.g. 43070200001320000101");
      }
      return new PlateSimulatorOptions(
          target,
          deviceId,
          ratePerSecond,
          count,
          duration,
          seed,
          pool,
          hotShare,
          rawStyles,
          snapshot,
          maxInFlight,
          requestTimeout,
          credentials);
    }
  }
}
