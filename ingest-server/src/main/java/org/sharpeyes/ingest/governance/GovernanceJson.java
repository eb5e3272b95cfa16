package org.sharpeyes.ingest.governance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The governance report as JSON and as CSV (docs/api.md, "Governance"). */
final class GovernanceJson {

  /** Excel reads a CSV as UTF-8, Chinese names and all, only when it starts with this. */
  static final String BOM = "\uFEFF";

  static final List<String> CSV_HEADER =
      List.of(
          "rank",
          "previous_rank",
          "rank_change",
          "code",
          "name",
          "level",
          "score",
          "previous_score",
          "received",
          "acknowledged",
          "acknowledged_on_time",
          "resolved",
          "resolved_on_time",
          "ack_median_s",
          "ack_p90_s",
          "resolve_median_s",
          "resolve_p90_s",
          "overdue",
          "within_grid_share",
          "escalated_share",
          "false_positive_share");

  private GovernanceJson() {}

  static JsonObject report(Report r) {
    JsonArray units = new JsonArray();
    r.units().forEach(u -> units.add(unit(u)));
    return new JsonObject()
        .put("month", r.month().toString())
        .put("level", r.level().label())
        .put("weights", new JsonObject(new TreeMap<String, Object>(r.weights())))
        .put("computedAt", r.computedAt().toString())
        .put("ranked", r.ranked())
        .put("units", units)
        .put("total", r.total() == null ? null : unit(r.total()));
  }

  static JsonObject unit(Report.Unit u) {
    Figures f = u.figures();
    return new JsonObject()
        .put("code", u.code())
        .put("name", u.name())
        .put("level", u.level().label())
        .put("rank", u.rank())
        .put("previousRank", u.previousRank())
        .put("rankChange", u.rankChange())
        .put("score", u.score())
        .put("previousScore", u.previousScore())
        .put("received", f.received())
        .put("acknowledged", f.acknowledged())
        .put("acknowledgedOnTime", f.acknowledgedOnTime())
        .put("resolved", f.resolved())
        .put("resolvedOnTime", f.resolvedOnTime())
        .put("ackMedianSeconds", f.ackMedianSeconds())
        .put("ackP90Seconds", f.ackP90Seconds())
        .put("resolveMedianSeconds", f.resolveMedianSeconds())
        .put("resolveP90Seconds", f.resolveP90Seconds())
        .put("overdue", f.overdue())
        .put("withinGridShare", share(f.received() == 0 ? null : f.withinGridShare()))
        .put("escalatedShare", share(f.share(f.escalated())))
        .put("falsePositiveShare", share(f.share(f.falsePositive())))
        .put("components", components(f));
  }

  private static JsonObject components(Figures f) {
    JsonObject c = new JsonObject();
    for (Map.Entry<String, Double> e : Score.components(f).entrySet()) {
      c.put(e.getKey(), share(e.getValue()));
    }
    return c;
  }

  /** A share rounded to four decimals, {@code null} kept. */
  static Double share(Double s) {
    return s == null ? null : Math.round(s * 10_000) / 10_000.0;
  }

  static JsonObject trend(Report.Trend t) {
    JsonArray months = new JsonArray();
    t.months()
        .forEach(
            p ->
                months.add(
                    new JsonObject()
                        .put("month", p.month().toString())
                        .put("score", p.score())
                        .put("received", p.received())
                        .put("resolved", p.resolved())
                        .put("overdue", p.overdue())));
    return new JsonObject()
        .put("code", t.code())
        .put("name", t.name())
        .put("level", t.level().label())
        .put("months", months);
  }

  /** The ranking as CSV: UTF-8 with a byte order mark, a header row, CRLF line ends (RFC 4180). */
  static byte[] csv(Report r) {
    StringBuilder out = new StringBuilder(BOM).append(String.join(",", CSV_HEADER)).append("\r\n");
    for (Report.Unit u : r.units()) {
      Figures f = u.figures();
      List<Object> cells =
          java.util.Arrays.asList(
              u.rank(),
              u.previousRank(),
              u.rankChange(),
              u.code(),
              u.name(),
              u.level().label(),
              u.score(),
              u.previousScore(),
              f.received(),
              f.acknowledged(),
              f.acknowledgedOnTime(),
              f.resolved(),
              f.resolvedOnTime(),
              f.ackMedianSeconds(),
              f.ackP90Seconds(),
              f.resolveMedianSeconds(),
              f.resolveP90Seconds(),
              f.overdue(),
              share(f.received() == 0 ? null : f.withinGridShare()),
              share(f.share(f.escalated())),
              share(f.share(f.falsePositive())));
      for (int i = 0; i < cells.size(); i++) {
        out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
      }
      out.append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Empty for null; quoted when it holds a comma, quote or line break; no formula injection. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
      s = "'" + s;
    }
    boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
