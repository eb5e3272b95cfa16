package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sharpeyes.ingest.reference.RegionLevel;
import org.sharpeyes.ingest.reference.Severity;

/**
 * The command-centre workflow ({@code workflow.*}, docs/workflow.md): where a new alert starts, the
 * deadlines of each level, how often they are checked, and the bounds of what users write.
 *
 * @param routing the starting level by severity
 * @param ruleRouting the starting level of a rule's alerts, overriding {@code routing}
 * @param deadlines time to acknowledge and to resolve, by desk level and severity (every pair)
 * @param escalationScan how often deadlines are checked (the scan reads only the due ones)
 * @param escalationBatch most alerts one scan escalates; the rest wait for the next scan
 * @param falsePositiveSuppression how long a false positive keeps the same rule, subject and device
 *     from raising again
 * @param maxSnooze the longest snooze a desk may set
 * @param noteMaxChars longest note on a step
 * @param reportPhotoMaxBytes largest photo of a report back
 * @param dispatchDue when a dispatch must be reported back by, unless it says
 * @param webhooks the outbound webhook queue
 * @param mqttAlerts true publishes alert changes on {@code sharpeyes/v1/alerts/…}
 * @param governanceWeights weight of each component of the governance score (they sum to 1)
 */
public record WorkflowConfig(
    Map<Severity, Start> routing,
    Map<String, Start> ruleRouting,
    Map<RegionLevel, Map<Severity, Deadline>> deadlines,
    Duration escalationScan,
    int escalationBatch,
    Duration falsePositiveSuppression,
    Duration maxSnooze,
    int noteMaxChars,
    long reportPhotoMaxBytes,
    Duration dispatchDue,
    Webhooks webhooks,
    boolean mqttAlerts,
    Map<String, Double> governanceWeights) {

  /** Components of the governance score, in the order documented. */
  public static final Set<String> GOVERNANCE_COMPONENTS =
      Set.of("acknowledgedOnTime", "resolved", "resolvedOnTime", "withinGrid", "notFalsePositive");

  /**
   * Where an alert starts.
   *
   * @param level the desk level it is routed to
   * @param inform levels whose desks are told (on their feed) without holding it
   */
  public record Start(RegionLevel level, Set<RegionLevel> inform) {
    public Start {
      Objects.requireNonNull(level, "level");
      inform = Set.copyOf(inform);
    }
  }

  /** Time to acknowledge and time to resolve, counted from when the desk received the alert. */
  public record Deadline(Duration acknowledge, Duration resolve) {}

  /**
   * The outbound webhook queue.
   *
   * @param maxAttempts deliveries tried before one is dead-lettered
   * @param initialDelay first retry delay; doubling, full jitter
   * @param maxDelay cap of the retry delay
   * @param timeout of one delivery
   * @param maxPending most deliveries waiting; more are dropped and counted
   */
  public record Webhooks(
      int maxAttempts, Duration initialDelay, Duration maxDelay, Duration timeout, int maxPending) {

    public static Webhooks defaults() {
      return new Webhooks(
          8, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10), 100_000);
    }
  }

  public WorkflowConfig {
    routing = Map.copyOf(routing);
    ruleRouting = Map.copyOf(ruleRouting);
    Map<RegionLevel, Map<Severity, Deadline>> copy = new EnumMap<>(RegionLevel.class);
    deadlines.forEach((level, bySeverity) -> copy.put(level, Map.copyOf(bySeverity)));
    for (RegionLevel level : RegionLevel.values()) {
      for (Severity s : Severity.values()) {
        if (!copy.containsKey(level) || !copy.get(level).containsKey(s)) {
          throw new IllegalArgumentException("no deadline for " + level + " " + s);
        }
      }
    }
    for (Severity s : Severity.values()) {
      if (!routing.containsKey(s)) {
        throw new IllegalArgumentException("no starting level for " + s);
      }
    }
    deadlines = Map.copyOf(copy);
    Objects.requireNonNull(webhooks, "webhooks");
    governanceWeights = Map.copyOf(governanceWeights);
  }

  /** The deadline of a desk of {@code level} for an alert of {@code severity}. */
  public Deadline deadline(RegionLevel level, Severity severity) {
    return deadlines.get(level).get(severity);
  }

  /** Where an alert of {@code rule} and {@code severity} starts. */
  public Start start(String rule, Severity severity) {
    Start byRule = ruleRouting.get(rule);
    return byRule != null ? byRule : routing.get(severity);
  }

  /** The defaults documented in docs/config.md ("workflow.*"). */
  public static WorkflowConfig defaults() {
    Map<Severity, Start> routing = new EnumMap<>(Severity.class);
    routing.put(Severity.LOW, new Start(RegionLevel.VILLAGE, Set.of()));
    routing.put(Severity.MEDIUM, new Start(RegionLevel.VILLAGE, Set.of()));
    routing.put(Severity.HIGH, new Start(RegionLevel.TOWNSHIP, Set.of()));
    routing.put(Severity.CRITICAL, new Start(RegionLevel.COUNTY, Set.of(RegionLevel.CITY)));
    Map<RegionLevel, Map<Severity, Deadline>> deadlines = new EnumMap<>(RegionLevel.class);
    for (RegionLevel level : RegionLevel.values()) {
      deadlines.put(level, defaultDeadlines());
    }
    return new WorkflowConfig(
        routing,
        Map.of(),
        deadlines,
        Duration.ofSeconds(5),
        500,
        Duration.ofHours(24),
        Duration.ofDays(30),
        1000,
        2L * 1024 * 1024,
        Duration.ofHours(24),
        Webhooks.defaults(),
        true,
        defaultWeights());
  }

  static Map<Severity, Deadline> defaultDeadlines() {
    Map<Severity, Deadline> d = new EnumMap<>(Severity.class);
    d.put(Severity.CRITICAL, new Deadline(Duration.ofMinutes(5), Duration.ofHours(2)));
    d.put(Severity.HIGH, new Deadline(Duration.ofMinutes(15), Duration.ofHours(8)));
    d.put(Severity.MEDIUM, new Deadline(Duration.ofMinutes(30), Duration.ofHours(24)));
    d.put(Severity.LOW, new Deadline(Duration.ofHours(2), Duration.ofHours(72)));
    return d;
  }

  static Map<String, Double> defaultWeights() {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("acknowledgedOnTime", 0.25);
    w.put("resolved", 0.20);
    w.put("resolvedOnTime", 0.25);
    w.put("withinGrid", 0.20);
    w.put("notFalsePositive", 0.10);
    return w;
  }

  /** A copy with every deadline of every level replaced by these (tests, the demo). */
  public WorkflowConfig withDeadlines(Duration acknowledge, Duration resolve) {
    Map<RegionLevel, Map<Severity, Deadline>> all = new EnumMap<>(RegionLevel.class);
    for (RegionLevel level : RegionLevel.values()) {
      all.put(level, every(new Deadline(acknowledge, resolve)));
    }
    return copy(all, escalationScan, webhooks);
  }

  /** A copy with the deadlines of one level replaced, for every severity (tests). */
  public WorkflowConfig withDeadline(RegionLevel level, Duration acknowledge, Duration resolve) {
    Map<RegionLevel, Map<Severity, Deadline>> all = new EnumMap<>(RegionLevel.class);
    all.putAll(deadlines);
    all.put(level, every(new Deadline(acknowledge, resolve)));
    return copy(all, escalationScan, webhooks);
  }

  /** A copy that checks deadlines every {@code interval}. */
  public WorkflowConfig withEscalationScan(Duration interval) {
    return copy(deadlines, interval, webhooks);
  }

  /** A copy with other webhook bounds. */
  public WorkflowConfig withWebhooks(Webhooks newWebhooks) {
    return copy(deadlines, escalationScan, newWebhooks);
  }

  private static Map<Severity, Deadline> every(Deadline deadline) {
    Map<Severity, Deadline> d = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      d.put(s, deadline);
    }
    return d;
  }

  private WorkflowConfig copy(
      Map<RegionLevel, Map<Severity, Deadline>> newDeadlines,
      Duration newScan,
      Webhooks newWebhooks) {
    return new WorkflowConfig(
        routing,
        ruleRouting,
        newDeadlines,
        newScan,
        escalationBatch,
        falsePositiveSuppression,
        maxSnooze,
        noteMaxChars,
        reportPhotoMaxBytes,
        dispatchDue,
        newWebhooks,
        mqttAlerts,
        governanceWeights);
  }
}
