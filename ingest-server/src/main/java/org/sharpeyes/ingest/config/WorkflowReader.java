package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sharpeyes.config.ConfigTree;
import org.sharpeyes.ingest.config.WorkflowConfig.Deadline;
import org.sharpeyes.ingest.config.WorkflowConfig.Start;
import org.sharpeyes.ingest.config.WorkflowConfig.Webhooks;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.reference.Severity;

/** Reads the {@code workflow} section (docs/config.md, "workflow.*"). */
final class WorkflowReader {

  static final List<String> KEYS =
      List.of(
          "routing",
          "deadlines",
          "escalationScan",
          "escalationBatch",
          "falsePositiveSuppression",
          "maxSnooze",
          "noteMaxChars",
          "reportPhotoMaxBytes",
          "dispatchDue",
          "webhooks",
          "mqttAlerts",
          "governance");

  private static final Map<String, RegionLevel> LEVELS = new LinkedHashMap<>();

  static {
    for (RegionLevel level :
        List.of(RegionLevel.VILLAGE, RegionLevel.TOWNSHIP, RegionLevel.COUNTY, RegionLevel.CITY)) {
      LEVELS.put(level.name().toLowerCase(Locale.ROOT), level);
    }
  }

  private WorkflowReader() {}

  /** The workflow settings, or {@code null} when the section has problems (all recorded). */
  static WorkflowConfig read(ConfigTree w) {
    int before = w.problemCount();
    w.allowKeys(KEYS);
    WorkflowConfig d = WorkflowConfig.defaults();
    Map<Severity, Start> routing = new EnumMap<>(d.routing());
    Map<String, Start> ruleRouting = new LinkedHashMap<>();
    ConfigTree r = w.sectionOrEmpty("routing");
    for (String key : r.keys()) {
      if (key.equals("rules")) {
        ConfigTree rules = r.sectionOrEmpty("rules");
        for (String rule : rules.keys()) {
          Start s = start(rules, rule);
          if (s != null) {
            ruleRouting.put(rule, s);
          }
        }
        continue;
      }
      Severity severity = Severity.fromLabel(key).orElse(null);
      if (severity == null) {
        r.problem(key, "not a severity — write one of " + Severity.labels() + ", or rules");
        continue;
      }
      Start s = start(r, key);
      if (s != null) {
        routing.put(severity, s);
      }
    }
    Map<RegionLevel, Map<Severity, Deadline>> deadlines = deadlines(w.sectionOrEmpty("deadlines"));
    Duration scan =
        w.duration(
            "escalationScan", d.escalationScan(), Duration.ofMillis(100), Duration.ofMinutes(10));
    Integer batch = w.integer("escalationBatch", d.escalationBatch(), 1, 100_000);
    Duration fp =
        w.duration(
            "falsePositiveSuppression",
            d.falsePositiveSuppression(),
            Duration.ZERO,
            Duration.ofDays(365));
    Duration snooze =
        w.duration("maxSnooze", d.maxSnooze(), Duration.ofMinutes(1), Duration.ofDays(365));
    Integer note = w.integer("noteMaxChars", d.noteMaxChars(), 10, 2000);
    Long photo = w.size("reportPhotoMaxBytes", d.reportPhotoMaxBytes(), 1024, 16L * 1024 * 1024);
    Duration due =
        w.duration("dispatchDue", d.dispatchDue(), Duration.ofMinutes(1), Duration.ofDays(90));
    Webhooks webhooks = webhooks(w.sectionOrEmpty("webhooks"), d.webhooks());
    Boolean mqtt = w.bool("mqttAlerts", d.mqttAlerts());
    Map<String, Double> weights = weights(w.sectionOrEmpty("governance"), d.governanceWeights());
    if (w.problemCount() > before) {
      return null;
    }
    return new WorkflowConfig(
        routing,
        ruleRouting,
        deadlines,
        scan,
        batch,
        fp,
        snooze,
        note,
        photo,
        due,
        webhooks,
        mqtt,
        weights);
  }

  /** {@code key: township} or {@code key: { start: county, inform: [city] }}. */
  private static Start start(ConfigTree parent, String key) {
    if (!parent.isMapping(key)) {
      RegionLevel level = parent.choice(key, LEVELS, null);
      return level == null ? null : new Start(level, Set.of());
    }
    ConfigTree s = parent.section(key);
    s.allowKeys(List.of("start", "inform"));
    RegionLevel level = s.choice("start", LEVELS, null);
    if (level == null && !s.has("start")) {
      s.problem(
          "start",
          "missing — the level the alert starts at: " + String.join(", ", LEVELS.keySet()));
    }
    Set<RegionLevel> inform = EnumSet.noneOf(RegionLevel.class);
    List<String> words = s.texts("inform");
    if (words != null) {
      for (String word : words) {
        RegionLevel l = LEVELS.get(word);
        if (l == null) {
          s.problem(
              "inform",
              "'" + word + "' is not a level — write " + String.join(", ", LEVELS.keySet()));
        } else {
          inform.add(l);
        }
      }
    }
    return level == null ? null : new Start(level, inform);
  }

  /**
   * {@code deadlines: { critical: {acknowledge: 5m, resolve: 2h}, …, levels: { city: { critical:
   * {acknowledge: 10m} } } }}: a severity's deadlines apply at every level unless a level says.
   */
  private static Map<RegionLevel, Map<Severity, Deadline>> deadlines(ConfigTree s) {
    Map<Severity, Deadline> base = new EnumMap<>(WorkflowConfig.defaultDeadlines());
    List<String> keys = new java.util.ArrayList<>(Severity.labels().split(", ").length + 1);
    for (Severity sev : Severity.values()) {
      keys.add(sev.label());
    }
    keys.add("levels");
    s.allowKeys(keys);
    for (Severity sev : Severity.values()) {
      base.put(sev, deadline(s.sectionOrEmpty(sev.label()), base.get(sev)));
    }
    Map<RegionLevel, Map<Severity, Deadline>> all = new EnumMap<>(RegionLevel.class);
    ConfigTree levels = s.sectionOrEmpty("levels");
    levels.allowKeys(LEVELS.keySet());
    for (Map.Entry<String, RegionLevel> e : LEVELS.entrySet()) {
      ConfigTree level = levels.sectionOrEmpty(e.getKey());
      level.allowKeys(keys.subList(0, keys.size() - 1));
      Map<Severity, Deadline> bySeverity = new EnumMap<>(Severity.class);
      for (Severity sev : Severity.values()) {
        bySeverity.put(sev, deadline(level.sectionOrEmpty(sev.label()), base.get(sev)));
      }
      all.put(e.getValue(), bySeverity);
    }
    return all;
  }

  private static Deadline deadline(ConfigTree s, Deadline fallback) {
    s.allowKeys(List.of("acknowledge", "resolve"));
    Duration ack =
        s.duration(
            "acknowledge", fallback.acknowledge(), Duration.ofSeconds(1), Duration.ofDays(30));
    Duration resolve =
        s.duration("resolve", fallback.resolve(), Duration.ofSeconds(1), Duration.ofDays(365));
    if (ack != null && resolve != null && resolve.compareTo(ack) < 0) {
      s.problem(
          "resolve",
          "is shorter than acknowledge ("
              + ack
              + ") — an alert must be"
              + " resolvable after it is acknowledged");
    }
    return new Deadline(ack, resolve);
  }

  private static Webhooks webhooks(ConfigTree s, Webhooks d) {
    s.allowKeys(List.of("maxAttempts", "initialDelay", "maxDelay", "timeout", "maxPending"));
    Integer attempts = s.integer("maxAttempts", d.maxAttempts(), 1, 100);
    Duration initial =
        s.duration("initialDelay", d.initialDelay(), Duration.ofMillis(10), Duration.ofHours(1));
    Duration max = s.duration("maxDelay", d.maxDelay(), Duration.ofMillis(10), Duration.ofDays(1));
    Duration timeout =
        s.duration("timeout", d.timeout(), Duration.ofMillis(100), Duration.ofMinutes(5));
    Integer pending = s.integer("maxPending", d.maxPending(), 1, 10_000_000);
    if (initial != null && max != null && max.compareTo(initial) < 0) {
      s.problem("maxDelay", "is shorter than initialDelay (" + initial + ")");
    }
    return new Webhooks(
        attempts == null ? 1 : attempts, initial, max, timeout, pending == null ? 1 : pending);
  }

  private static Map<String, Double> weights(ConfigTree g, Map<String, Double> d) {
    g.allowKeys(List.of("weights"));
    if (!g.has("weights")) {
      return d;
    }
    ConfigTree w = g.sectionOrEmpty("weights");
    w.allowKeys(WorkflowConfig.GOVERNANCE_COMPONENTS);
    Map<String, Double> weights = new LinkedHashMap<>();
    double sum = 0;
    for (String component : d.keySet()) {
      Double v = w.decimal(component, 0.0, 0.0, 1.0);
      if (v != null) {
        weights.put(component, v);
        sum += v;
      }
    }
    if (Math.abs(sum - 1.0) > 1e-6) {
      g.problem(
          "weights", String.format(Locale.ROOT, "add up to %.3f — they must add up to 1", sum));
    }
    return weights;
  }
}
