package org.sharpeyes.ingest.outbound;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.api.AlertJson;
import org.sharpeyes.ingest.auth.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the CloudEvent (1.0, structured JSON) that tells a downstream platform about one alert
 * change, on MQTT and in a webhook: {@code data} is the alert as an integrator sees it through the
 * API ({@link PersonalData.View#NONE}: names masked, no ID numbers, no photo links), with its
 * state, the desk holding it, whether it is overdue and, for a workflow step, the step. Schema:
 * event-schema/src/main/resources/schemas/v1/alert.event.json. Thread-safe; {@link #event} reads
 * the store.
 */
public final class AlertEvents {

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvents.class);

  /** The CloudEvents {@code source} of every alert event. */
  public static final String SOURCE = "/sharpeyes/ingest-server";

  private static final String DESK_SQL = "SELECT desk_code, overdue FROM alerts WHERE id = ?";

  private final AlertJson json;
  private final DataSource dataSource;

  public AlertEvents(AlertJson json, DataSource dataSource) {
    this.json = json;
    this.dataSource = dataSource;
  }

  /** The event of {@code change}, of {@code kind}, with a new random id. */
  public JsonObject event(AlertChange change, AlertEventKind kind) {
    return event(change, kind, UUID.randomUUID().toString());
  }

  /** The event of {@code change}, of {@code kind}, with {@code id}. */
  public JsonObject event(AlertChange change, AlertEventKind kind, String id) {
    Alert a = change.alert();
    AlertStep step = change.step();
    Instant time = step != null ? step.at() : a.updatedAt();
    return new JsonObject()
        .put("specversion", "1.0")
        .put("id", id)
        .put("source", SOURCE)
        .put("type", kind.type())
        .put("time", time == null ? null : time.toString())
        .put("subject", a.id())
        .put("datacontenttype", "application/json")
        .put("data", data(change));
  }

  private JsonObject data(AlertChange change) {
    Alert a = change.alert();
    JsonObject data = json.summary(a, PersonalData.View.NONE);
    String desk = null;
    boolean overdue = false;
    try {
      Desk d = desk(a.id());
      desk = d.code();
      overdue = d.overdue();
    } catch (SQLException e) {
      LOG.warn("alert {}: desk and overdue not read for its event: {}", a.id(), e.toString());
    }
    AlertStep step = change.step();
    if (step != null && step.deskCode() != null) {
      desk = step.deskCode();
    }
    data.put("deskCode", desk).put("overdue", overdue);
    if (step != null) {
      data.put(
          "step",
          new JsonObject()
              .put("action", step.action())
              .put("actor", step.actor())
              .put("at", step.at() == null ? null : step.at().toString())
              .put("note", step.note()));
    }
    return data;
  }

  private record Desk(String code, boolean overdue) {}

  private Desk desk(String alertId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(DESK_SQL)) {
      ps.setString(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Desk(rs.getString(1), rs.getBoolean(2)) : new Desk(null, false);
      }
    }
  }
}
