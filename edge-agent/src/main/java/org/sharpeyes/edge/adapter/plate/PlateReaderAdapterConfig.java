package org.sharpeyes.edge.adapter.plate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.sharpeyes.edge.adapter.AdapterSettings;
import org.sharpeyes.edge.adapter.DeviceKind;
import org.sharpeyes.edge.http.PushAuth;

/**
 * Settings of the plate reader HTTP push listener (the {@code plateHttp} section of a device).
 *
 * @param host local address to listen on
 * @param port local TCP port, 0..65535; 0 picks a free port
 * @param path the one path reads are posted to, e.g. {@code /plates}
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param maxSnapshotBytes largest accepted snapshot image, at most {@code maxBodyBytes}
 * @param maxConnections connections open at once; more are closed on arrival
 * @param idleTimeout a connection silent this long is closed
 * @param auth the credentials a push must carry; {@link PushAuth#NONE} for none
 */
public record PlateReaderAdapterConfig(
    String host,
    int port,
    String path,
    int maxBodyBytes,
    int maxSnapshotBytes,
    int maxConnections,
    Duration idleTimeout,
    PushAuth auth)
    implements AdapterSettings {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final String DEFAULT_PATH = "/plates";
  public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
  public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 128;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final int MIN_BODY_BYTES = 1024;
  public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
  public static final int MAX_CONNECTIONS = 1024;

  public PlateReaderAdapterConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(auth, "auth");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (!path.startsWith("/") || path.contains("?") || path.contains(" ")) {
      throw new IllegalArgumentException("path must start with / and hold no query, was " + path);
    }
    if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("maxBodyBytes must be 1KiB..64MiB, was " + maxBodyBytes);
    }
    if (maxSnapshotBytes < 1 || maxSnapshotBytes > maxBodyBytes) {
      throw new IllegalArgumentException(
          "maxSnapshotBytes must be 1..maxBodyBytes, was " + maxSnapshotBytes);
    }
    if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException("maxConnections must be 1..1024, was " + maxConnections);
    }
    if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("idleTimeout must be at least 1s, was " + idleTimeout);
    }
  }

  /** Settings asking for no credentials. */
  public PlateReaderAdapterConfig(
      String host,
      int port,
      String path,
      int maxBodyBytes,
      int maxSnapshotBytes,
      int maxConnections,
      Duration idleTimeout) {
    this(
        host,
        port,
        path,
        maxBodyBytes,
        maxSnapshotBytes,
        maxConnections,
        idleTimeout,
        PushAuth.NONE);
  }

  /** Every default, listening on the given port. */
  public static PlateReaderAdapterConfig onPort(int port) {
    return new PlateReaderAdapterConfig(
        DEFAULT_HOST,
        port,
        DEFAULT_PATH,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_SNAPSHOT_BYTES,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT);
  }

  /** A copy with other size bounds. */
  public PlateReaderAdapterConfig withLimits(int newMaxBodyBytes, int newMaxSnapshotBytes) {
    return new PlateReaderAdapterConfig(
        host, port, path, newMaxBodyBytes, newMaxSnapshotBytes, maxConnections, idleTimeout, auth);
  }

  /** A copy asking for other credentials. */
  public PlateReaderAdapterConfig withAuth(PushAuth newAuth) {
    return new PlateReaderAdapterConfig(
        host, port, path, maxBodyBytes, maxSnapshotBytes, maxConnections, idleTimeout, newAuth);
  }

  @Override
  public List<String> requiredEnvironment() {
    return auth.requiredEnvironment();
  }

  @Override
  public DeviceKind kind() {
    return DeviceKind.PLATE_READER;
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
  public PlateReaderAdapterConfig withListenPort(int newPort) {
    return new PlateReaderAdapterConfig(
        host, newPort, path, maxBodyBytes, maxSnapshotBytes, maxConnections, idleTimeout, auth);
  }
}
