package org.sharpeyes.ingest.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Lists audit rows by {@link AuditFilter}, newest first. Thread-safe; blocking. */
public final class AuditSearch {

  private final DataSource dataSource;

  public AuditSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<AuditRow> find(AuditFilter filter) throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(AuditRows.COLUMNS).append(" FROM audit_log WHERE 1=1");
    List<Object> params = new ArrayList<>();
    where(sql, params, "actor = ?", filter.actor());
    where(sql, params, "action = ?", filter.action());
    where(sql, params, "subject = ?", filter.subject());
    where(
        sql,
        params,
        "at >= ?",
        filter.since() == null ? null : filter.since().atOffset(ZoneOffset.UTC));
    where(
        sql,
        params,
        "at < ?",
        filter.until() == null ? null : filter.until().atOffset(ZoneOffset.UTC));
    where(sql, params, "seq < ?", filter.before() > 0 ? filter.before() : null);
    sql.append(" ORDER BY seq DESC FETCH FIRST ? ROWS ONLY");
    params.add(filter.limit());
    List<AuditRow> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(AuditRows.row(rs));
        }
      }
    }
    return rows;
  }

  private static void where(StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      params.add(value);
    }
  }
}
