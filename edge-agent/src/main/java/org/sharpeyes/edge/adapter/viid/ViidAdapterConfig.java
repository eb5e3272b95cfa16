package org.sharpeyes.edge.adapter.viid;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.adapter.FaceModels;
import org.sharpeyes.schema.id.GbDeviceId;

/**
 * Settings of a GA/T 1400 (VIID) listener: the {@code viid} section of a device entry. One listener
 * serves the capture devices listed under it; each registers with its own 20-digit id and password.
 *
 * @param host local address to listen on
 * @param port local TCP port; 0 picks a free one
 * @param devices the capture devices allowed to register, at least one, ids unique
 * @param keepaliveTimeout a registered device not heard from this long is marked offline
 * @param nonceLifetime a Digest nonce older than this is answered {@code stale=true}
 * @param zone the zone of the devices' {@code yyyyMMddHHmmss} times (Beijing time by default)
 * @param limits bounds on what one request may carry
 * @param faces face analysis of {@code /VIID/Faces}; {@code null} reports faces as captured only
 * @param maxConnections connections open at once
 * @param idleTimeout a silent connection is closed after this long
 */
public record ViidAdapterConfig(
    String host,
    int port,
    List<Device> devices,
    Duration keepaliveTimeout,
    Duration nonceLifetime,
    ZoneId zone,
    Limits limits,
    ViidFaceSettings faces,
    int maxConnections,
    Duration idleTimeout)
    implements AdapterSettings {

  @Override
  public Optional<FaceModels> faceModels() {
    return Optional.ofNullable(faces)
        .map(
            f ->
                new FaceModels(
                    f.detectorModel(), f.minScore(), f.embedderModel(), f.embedderModelId()));
  }

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(180);
  public static final Duration DEFAULT_NONCE_LIFETIME = Duration.ofMinutes(5);
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  public static final int DEFAULT_MAX_CONNECTIONS = 128;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);

  /** Status details hold 3 facts per device and 4 of the listener: 9 devices fit in 32. */
  public static final int MAX_DEVICES = 9;

  /**
   * One capture device allowed to register.
   *
   * @param id its 20-digit GB/T 28181 id: the Digest user name, {@code User-Identify} and the
   *     {@code deviceId} of its events
   * @param passwordEnv the environment variable holding its Digest password
   */
  public record Device(String id, String passwordEnv) {
    public Device {
      if (!GbDeviceId.isValid(id)) {
        throw new IllegalArgumentException("device id must be 20 digits, was " + id);
      }
      Objects.requireNonNull(passwordEnv, "passwordEnv");
    }
  }

  /**
   * Bounds on one request.
   *
   * @param maxBodyBytes largest body; larger ones get 413
   * @param maxObjects objects per request; the ones beyond are refused one by one
   * @param maxImagesPerObject images in one object's {@code SubImageList}
   * @param maxImageBytes decoded size of one image's {@code Data}
   * @param maxTimeSkew an object whose time is further than this from now is refused
   */
  public record Limits(
      int maxBodyBytes,
      int maxObjects,
      int maxImagesPerObject,
      int maxImageBytes,
      Duration maxTimeSkew) {

    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_OBJECTS = 64;
    public static final int DEFAULT_MAX_IMAGES_PER_OBJECT = 4;
    public static final int DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    public static final Duration DEFAULT_MAX_TIME_SKEW = Duration.ofHours(24);
    public static final int MIN_BODY_BYTES = 1024;
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    public static final Limits DEFAULTS =
        new Limits(
            DEFAULT_MAX_BODY_BYTES,
            DEFAULT_MAX_OBJECTS,
            DEFAULT_MAX_IMAGES_PER_OBJECT,
            DEFAULT_MAX_IMAGE_BYTES,
            DEFAULT_MAX_TIME_SKEW);

    public Limits {
      if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
        throw new IllegalArgumentException("maxBodyBytes must be 1KiB..64MiB, was " + maxBodyBytes);
      }
      if (maxObjects < 1 || maxImagesPerObject < 1) {
        throw new IllegalArgumentException("maxObjects and maxImagesPerObject must be at least 1");
      }
      if (maxImageBytes < 1 || maxImageBytes > maxBodyBytes) {
        throw new IllegalArgumentException("maxImageBytes must be 1..maxBodyBytes");
      }
      Objects.requireNonNull(maxTimeSkew, "maxTimeSkew");
    }
  }

  public ViidAdapterConfig {
    Objects.requireNonNull(host, "host");
    devices = List.copyOf(devices);
    Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
    Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (devices.isEmpty() || devices.size() > MAX_DEVICES) {
      throw new IllegalArgumentException(
          "devices must list 1.." + MAX_DEVICES + " capture devices");
    }
    if (devices.stream().map(Device::id).distinct().count() != devices.size()) {
      throw new IllegalArgumentException("device ids must be unique");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
  }

  /** Every default, on {@code port}, for the given devices. */
  public static ViidAdapterConfig of(int port, List<Device> devices) {
    return new ViidAdapterConfig(
        DEFAULT_HOST,
        port,
        devices,
        DEFAULT_KEEPALIVE_TIMEOUT,
        DEFAULT_NONCE_LIFETIME,
        DEFAULT_ZONE,
        Limits.DEFAULTS,
        null,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** A copy with other bounds. */
  public ViidAdapterConfig withLimits(Limits newLimits) {
    return new ViidAdapterConfig(
        host,
        port,
        devices,
        keepaliveTimeout,
        nonceLifetime,
        zone,
        newLimits,
        faces,
        maxConnections,
        idleTimeout);
  }

  /** A copy with other timeouts. */
  public ViidAdapterConfig withTimeouts(Duration keepalive, Duration nonce) {
    return new ViidAdapterConfig(
        host, port, devices, keepalive, nonce, zone, limits, faces, maxConnections, idleTimeout);
  }

  /** A copy with face analysis settings ({@code null}: none). */
  public ViidAdapterConfig withFaces(ViidFaceSettings newFaces) {
    return new ViidAdapterConfig(
        host,
        port,
        devices,
        keepaliveTimeout,
        nonceLifetime,
        zone,
        limits,
        newFaces,
        maxConnections,
        idleTimeout);
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.VIID;
  }

  @Override
  public OptionalInt listenPort() {
    return OptionalInt.of(port);
  }

  @Override
  public String listenHost() {
    return host;
  }

  @Override
  public ViidAdapterConfig withListenPort(int newPort) {
    return new ViidAdapterConfig(
        host,
        newPort,
        devices,
        keepaliveTimeout,
        nonceLifetime,
        zone,
        limits,
        faces,
        maxConnections,
        idleTimeout);
  }

  @Override
  public List<String> requiredEnvironment() {
    return devices.stream().map(Device::passwordEnv).toList();
  }
}
