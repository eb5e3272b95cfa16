package org.sharpeyes.ingest.governance;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.Region;

/**
 * The governance index (督导评价, docs/governance.md): a month's figures per unit, its score and the
 * ranking of each level with last month's change. Months are cut in Asia/Shanghai.
 *
 * <p>A month is computed by one scan of its alerts ({@link MonthScan}) and kept in {@code
 * governance_month}; reports and trends only read kept figures, so they take milliseconds whatever
 * the number of alerts. {@link #refresh} (every {@link #REFRESH} on the server's scheduler)
 * computes the current month again, and the previous one until it is {@link #SETTLED} (late
 * acknowledgements and closures of its alerts are in by then); after that a month is never scanned
 * again unless asked ({@link #recompute}). A month that was never computed is computed by the first
 * request for it (once; that request takes as long as the scan). Thread-safe: one scan of a month
 * at a time in this server, and readers never wait for a scan (they read the kept rows, which a
 * scan replaces in one transaction); two servers on one database may both scan, the last one's rows
 * stay.
 */
public final class GovernanceIndex {

  /** Where months begin and end. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /** How long after its end a month's figures are final. */
  static final Duration SETTLED = Duration.ofDays(7);

  /** How often the current month (and the previous one until settled) is computed again. */
  public static final Duration REFRESH = Duration.ofMinutes(10);

  private final MonthScan scan;
  private final GovernanceStore store;
  private final ReferenceData reference;
  private final Score score;
  private final Clock clock;
  private final Map<YearMonth, Object> locks = new ConcurrentHashMap<>();

  public GovernanceIndex(
      DataSource dataSource, WorkflowConfig config, ReferenceData reference, Clock clock) {
    this.scan = new MonthScan(dataSource, config);
    this.store = new GovernanceStore(dataSource);
    this.reference = reference;
    this.score = new Score(config.governanceWeights());
    this.clock = clock;
  }

  /** The month that holds {@code now} in Asia/Shanghai. */
  public YearMonth currentMonth() {
    return YearMonth.from(clock.instant().atZone(ZONE));
  }

  static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZONE).toInstant();
  }

  /** The month's figures as kept; computed now when they never were. */
  MonthFigures figures(YearMonth month) throws SQLException {
    Instant now = clock.instant();
    if (!start(month).isBefore(now)) {
      return new MonthFigures(month, Map.of(), now); // a month that has not begun
    }
    // Not behind the lock: a refresh may be scanning; it replaces the rows in one transaction.
    Optional<MonthFigures> kept = store.read(month);
    if (kept.isPresent()) {
      return kept.get();
    }
    synchronized (locks.computeIfAbsent(month, m -> new Object())) {
      kept = store.read(month);
      return kept.isPresent() ? kept.get() : scanAndKeep(month);
    }
  }

  /**
   * Computes the current month again, and the previous one while it is not settled (what the
   * server's scheduler runs every {@link #REFRESH}).
   *
   * @return the months computed
   */
  public List<YearMonth> refresh() throws SQLException {
    YearMonth current = currentMonth();
    YearMonth previous = current.minusMonths(1);
    List<YearMonth> done = new ArrayList<>();
    Optional<MonthFigures> kept = store.read(previous);
    if (kept.isEmpty() || kept.get().computedAt().isBefore(start(current).plus(SETTLED))) {
      recompute(previous);
      done.add(previous);
    }
    recompute(current);
    done.add(current);
    return done;
  }

  /** Reads the month's alerts again and keeps the figures (also for a settled month). */
  public MonthFigures recompute(YearMonth month) throws SQLException {
    synchronized (locks.computeIfAbsent(month, m -> new Object())) {
      return scanAndKeep(month);
    }
  }

  private MonthFigures scanAndKeep(YearMonth month) throws SQLException {
    Instant at = clock.instant();
    MonthFigures f =
        new MonthFigures(month, scan.scan(start(month), start(month.plusMonths(1))), at);
    store.replace(f);
    return f;
  }

  /**
   * The ranking of {@code level} for {@code month}: ranks among every unit of the level, then only
   * the units {@code visible} keeps; units without a score last.
   *
   * @param cityWide true to add the city total
   */
  public Report report(
      GovernanceLevel level, YearMonth month, Predicate<String> visible, boolean cityWide)
      throws SQLException {
    MonthFigures now = figures(month);
    MonthFigures before = figures(month.minusMonths(1));
    Map<String, Integer> ranks = ranks(level, now);
    Map<String, Integer> previous = ranks(level, before);
    List<Report.Unit> units = new ArrayList<>();
    for (String code : codes(level, now)) {
      if (!visible.test(code)) {
        continue;
      }
      Integer rank = ranks.get(code);
      Integer prev = previous.get(code);
      Figures f = now.of(level, code);
      units.add(
          new Report.Unit(
              code,
              name(code),
              level,
              rank,
              prev,
              rank == null || prev == null ? null : prev - rank,
              score.of(f),
              score.of(before.of(level, code)),
              f));
    }
    units.sort(
        Comparator.comparing((Report.Unit u) -> u.rank() == null ? Integer.MAX_VALUE : u.rank())
            .thenComparing(Report.Unit::code));
    Report.Unit total = null;
    if (cityWide) {
      Figures f = now.of(GovernanceLevel.CITY, MonthScan.CITY_KEY);
      Figures p = before.of(GovernanceLevel.CITY, MonthScan.CITY_KEY);
      String root = rootRegion().map(Region::code).orElse(MonthScan.CITY_KEY);
      total =
          new Report.Unit(
              root,
              name(root),
              GovernanceLevel.CITY,
              null,
              null,
              null,
              score.of(f),
              score.of(p),
              f);
    }
    return new Report(month, level, score.weights(), now.computedAt(), ranks.size(), units, total);
  }

  /** The unit's score and counts for the {@code months} months up to {@code last}, oldest first. */
  public Report.Trend trend(String code, YearMonth last, int months) throws SQLException {
    GovernanceLevel level = levelOf(code).orElseThrow();
    String key = level == GovernanceLevel.CITY ? MonthScan.CITY_KEY : code;
    List<Report.Point> points = new ArrayList<>();
    for (int i = months - 1; i >= 0; i--) {
      YearMonth m = last.minusMonths(i);
      Figures f = figures(m).of(level, key);
      points.add(new Report.Point(m, score.of(f), f.received(), f.resolved(), f.overdue()));
    }
    return new Report.Trend(code, name(code), level, points);
  }

  /** The level of a grid cell or region code; empty when the reference data does not know it. */
  public Optional<GovernanceLevel> levelOf(String code) {
    if (reference.grids().byCode(code).isPresent()) {
      return Optional.of(GovernanceLevel.GRID);
    }
    return reference
        .regions()
        .byCode(code)
        .map(
            r ->
                r.parent() == null
                    ? GovernanceLevel.CITY
                    : GovernanceLevel.valueOf(r.level().name()));
  }

  /** The unit's name in the reference data, else its code. */
  public String name(String code) {
    Optional<String> grid = reference.grids().byCode(code).map(GridCell::name);
    return grid.orElseGet(() -> reference.regions().byCode(code).map(Region::name).orElse(code));
  }

  private Optional<Region> rootRegion() {
    return reference.regions().regions().stream().filter(r -> r.parent() == null).findFirst();
  }

  /** Every unit of the level: the reference data's and any other that had alerts. */
  private TreeSet<String> codes(GovernanceLevel level, MonthFigures figures) {
    TreeSet<String> codes = new TreeSet<>(figures.units().getOrDefault(level, Map.of()).keySet());
    if (level == GovernanceLevel.GRID) {
      reference.grids().cells().forEach(c -> codes.add(c.code()));
    } else {
      reference.regions().regions().stream()
          .filter(r -> r.parent() != null && r.level() == level.regionLevel())
          .forEach(r -> codes.add(r.code()));
    }
    return codes;
  }

  /** Standard competition ranks (1, 1, 3) by score, among the units with one. */
  private Map<String, Integer> ranks(GovernanceLevel level, MonthFigures figures) {
    Map<String, Double> scores = new HashMap<>();
    figures
        .units()
        .getOrDefault(level, Map.of())
        .forEach(
            (code, f) -> {
              Double s = score.of(f);
              if (s != null) {
                scores.put(code, s);
              }
            });
    List<String> order = new ArrayList<>(scores.keySet());
    order.sort(
        Comparator.comparing((String c) -> -scores.get(c))
            .thenComparing(c -> -figures.of(level, c).received())
            .thenComparing(c -> c));
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      String c = order.get(i);
      boolean tie = i > 0 && scores.get(order.get(i - 1)).equals(scores.get(c));
      ranks.put(c, tie ? ranks.get(order.get(i - 1)) : i + 1);
    }
    return ranks;
  }
}
