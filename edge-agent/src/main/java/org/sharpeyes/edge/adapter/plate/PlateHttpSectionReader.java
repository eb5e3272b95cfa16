package org.sharpeyes.edge.adapter.plate;

import java.time.Duration;
import java.util.List;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.config.Quantities;
import org.sharpeyes.edge.http.ListenHost;
import org.sharpeyes.edge.http.PushAuth;
import org.sharpeyes.edge.http.PushAuthReader;

/** Reads the {@code plateHttp} section of a plate reader device; see {@code docs/config.md}. */
final class PlateHttpSectionReader {

  static final List<String> KEYS =
      List.of(
          "host",
          "port",
          "path",
          "maxBodyBytes",
          "maxSnapshotBytes",
          "maxConnections",
          "idleTimeout",
          "auth");

  private PlateHttpSectionReader() {}

  /** The settings, or {@code null} when the section has problems (all reported). */
  static PlateReaderAdapterConfig read(ConfigTree http) {
    int before = http.problemCount();
    http.allowKeys(KEYS);
    String host = ListenHost.read(http, PlateReaderAdapterConfig.DEFAULT_HOST);
    Integer port = http.port("port", null);
    String path = http.text("path");
    if (path == null) {
      path = PlateReaderAdapterConfig.DEFAULT_PATH;
    } else if (!path.matches("/[A-Za-z0-9._~/-]*")) {
      http.problem("path", "'" + path + "' is not a plain URL path — e.g. /plates");
    }
    Long maxBody =
        http.size(
            "maxBodyBytes",
            (long) PlateReaderAdapterConfig.DEFAULT_MAX_BODY_BYTES,
            PlateReaderAdapterConfig.MIN_BODY_BYTES,
            PlateReaderAdapterConfig.MAX_BODY_BYTES);
    Long maxSnapshot =
        http.size(
            "maxSnapshotBytes",
            (long) PlateReaderAdapterConfig.DEFAULT_MAX_SNAPSHOT_BYTES,
            1,
            PlateReaderAdapterConfig.MAX_BODY_BYTES);
    if (maxBody != null && maxSnapshot != null && maxSnapshot > maxBody) {
      http.problem(
          "maxSnapshotBytes",
          Quantities.formatSize(maxSnapshot)
              + " is larger than maxBodyBytes ("
              + Quantities.formatSize(maxBody)
              + ") — a snapshot must fit in the request body; raise maxBodyBytes or lower this");
    }
    Integer maxConnections =
        http.integer(
            "maxConnections",
            PlateReaderAdapterConfig.DEFAULT_MAX_CONNECTIONS,
            1,
            PlateReaderAdapterConfig.MAX_CONNECTIONS);
    Duration idle =
        http.duration(
            "idleTimeout",
            PlateReaderAdapterConfig.DEFAULT_IDLE_TIMEOUT,
            Duration.ofSeconds(1),
            Duration.ofHours(1));
    PushAuth auth = PushAuthReader.read(http);
    if (http.problemCount() > before) {
      return null;
    }
    return new PlateReaderAdapterConfig(
        host, port, path, maxBody.intValue(), maxSnapshot.intValue(), maxConnections, idle, auth);
  }
}
