package org.sharpeyes.ingest.device;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.AlertRows;
import org.sharpeyes.ingest.rule.DeviceOfflineRule;
import org.sharpeyes.ingest.rule.SubjectType;

/**
 * The open {@code device-offline} alerts of devices and edges, found through the unique {@code
 * open_key} index (one row per subject at most), never by scanning the alerts. Blocking JDBC.
 */
final class OfflineAlerts {

  /** Most keys in one {@code IN} list. */
  private static final int CHUNK = 500;

  /** An open alert: its id and since when its subject has been down (its first sighting). */
  record Open(String alertId, String subjectKey, Instant downSince) {}

  private final DataSource dataSource;

  OfflineAlerts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  static String openKey(SubjectType type, String subjectKey) {
    return DeviceOfflineRule.ID + "|" + type.label() + "|" + subjectKey;
  }

  Optional<Open> of(SubjectType type, String subjectKey) throws SQLException {
    return Optional.ofNullable(find(type, List.of(subjectKey)).get(subjectKey));
  }

  /** The open alerts of these subjects, by subject key. */
  Map<String, Open> find(SubjectType type, Collection<String> subjectKeys) throws SQLException {
    Map<String, Open> open = new HashMap<>();
    List<String> keys = subjectKeys.stream().map(k -> openKey(type, k)).toList();
    try (Connection c = dataSource.getConnection()) {
      for (int from = 0; from < keys.size(); from += CHUNK) {
        List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
        String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, subject_key, first_seen FROM alerts WHERE open_key IN ("
                    + marks
                    + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String key = rs.getString("subject_key");
              open.put(key, new Open(rs.getString("id"), key, AlertRows.instant(rs, "first_seen")));
            }
          }
        }
      }
    }
    return open;
  }
}
