package org.sharpeyes.ingest.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.reference.DemoCity;

/**
 * A month of alerts with known times in three grid cells of 柳湾街道 and 桂园街道, and the month before;
 * the figures, scores and rankings a supervisor reads for November 2026.
 */
class GovernanceIndexTest {

  static final String GRID_A = "43070200100101"; // 柳湾社区第1网格
  static final String GRID_B = "43070200100201"; // 柳岸社区
  static final String GRID_C = "43070200200101"; // 桂园社区
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

  final TestDatabase db = database();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-20T00:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  GovernanceIndex index;

  /** The database the history is written to: H2 here, PostgreSQL in the subclass. */
  TestDatabase database() {
    return TestDatabase.h2();
  }

  @BeforeEach
  void history() throws Exception {
    AlertHistory h = new AlertHistory();
    // November, grid A: four alerts, one acknowledged late and escalated, one a false positive.
    h.raised(GRID_A, "2026-11-03T02:00:00Z").acknowledgedAfter(min(10)).resolvedAfter(hours(2));
    h.raised(GRID_A, "2026-11-05T02:00:00Z").acknowledgedAfter(min(20)).resolvedAfter(hours(4));
    h.raised(GRID_A, "2026-11-07T02:00:00Z")
        .acknowledgedAfter(min(50))
        .escalatedToTownship()
        .resolvedAfter(hours(30));
    h.raised(GRID_A, "2026-11-09T02:00:00Z").acknowledgedAfter(min(5)).falsePositiveAfter(min(10));
    // November, grid B: two alerts handled perfectly.
    h.raised(GRID_B, "2026-11-10T02:00:00Z").acknowledgedAfter(sec(100)).resolvedAfter(hours(1));
    h.raised(GRID_B, "2026-11-11T02:00:00Z").acknowledgedAfter(sec(200)).resolvedAfter(hours(2));
    // ... and a camera of grid B that was down for a day and closed itself: equipment, not
    // handling.
    h.raised(GRID_B, "2026-11-12T02:00:00Z").byRule("device-offline").resolvedAfter(hours(24));
    // Grid C: 00:30 on 1 November in Shanghai (still October in UTC), never acknowledged; and one
    // at 00:30 on 1 December in Shanghai, which is not November's.
    h.raised(GRID_C, "2026-10-31T16:30:00Z");
    h.raised(GRID_C, "2026-11-30T16:30:00Z").acknowledgedAfter(min(1)).resolvedAfter(min(30));
    // October: grid A perfect, grid B never acknowledged.
    h.raised(GRID_A, "2026-10-12T02:00:00Z").acknowledgedAfter(min(1)).resolvedAfter(hours(1));
    h.raised(GRID_B, "2026-10-13T02:00:00Z");
    h.insertInto(db.dataSource());
    index = new GovernanceIndex(db.dataSource(), WorkflowConfig.defaults(), DemoCity.data(), clock);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void aGridCellsFiguresCountItsMonthsAlertsWithNearestRankMedianAndP90() throws Exception {
    Report.Unit a = unit(report(GovernanceLevel.GRID), GRID_A);
    Figures f = a.figures();

    assertThat(a.name()).isEqualTo("柳湾社区第1网格");
    assertThat(f.received()).isEqualTo(4);
    assertThat(f.acknowledged()).isEqualTo(4);
    assertThat(f.acknowledgedOnTime()).as("50 minutes is past the village's 30").isEqualTo(3);
    assertThat(f.resolved()).isEqualTo(3);
    assertThat(f.resolvedOnTime()).as("the escalated one was overdue").isEqualTo(2);
    assertThat(f.overdue()).isEqualTo(1);
    assertThat(f.escalated()).isEqualTo(1);
    assertThat(f.withinGrid()).isEqualTo(2);
    assertThat(f.falsePositive()).isEqualTo(1);
    // acknowledged after 300, 600, 1200, 3000 s; resolved after 7200, 14400, 108000 s
    assertThat(f.ackMedianSeconds()).isEqualTo(600);
    assertThat(f.ackP90Seconds()).isEqualTo(3000);
    assertThat(f.resolveMedianSeconds()).isEqualTo(14_400);
    assertThat(f.resolveP90Seconds()).isEqualTo(108_000);
  }

  @Test
  void aDeviceThatWasOfflineDoesNotCountAgainstItsGrid() throws Exception {
    Figures b = unit(report(GovernanceLevel.GRID), GRID_B).figures();

    assertThat(b.received()).as("the two plate alerts, not the camera's outage").isEqualTo(2);
    assertThat(b.acknowledgedOnTime()).isEqualTo(2);
    assertThat(b.resolveP90Seconds()).isEqualTo(7_200);
  }

  @Test
  void theScoreIsTheWeightedSumOfTheSharesOutOfAHundred() throws Exception {
    Report.Unit a = unit(report(GovernanceLevel.GRID), GRID_A);

    // 0.25 × 3/4 on time + 0.20 × 3/4 resolved + 0.25 × 2/4 resolved on time
    // + 0.20 × 2/4 kept in the grid + 0.10 × (1 − 1/4) not false positives
    assertThat(a.score()).isCloseTo(63.75, within(0.051));
    assertThat(unit(report(GovernanceLevel.GRID), GRID_B).score()).isEqualTo(100.0);
  }

  @Test
  void theRankingShowsLastMonthsRankAndTheChangeAndUnitsWithoutAlertsLast() throws Exception {
    Report r = report(GovernanceLevel.GRID);

    assertThat(r.units().get(0).code()).isEqualTo(GRID_B);
    assertThat(r.units().get(0).rank()).isEqualTo(1);
    assertThat(r.units().get(0).previousRank()).isEqualTo(2);
    assertThat(r.units().get(0).rankChange()).as("moved up one").isEqualTo(1);
    assertThat(r.units().get(1).code()).isEqualTo(GRID_A);
    assertThat(r.units().get(1).rankChange()).as("moved down one").isEqualTo(-1);
    assertThat(r.units().get(1).previousScore()).isEqualTo(100.0);
    assertThat(r.units().get(2).code()).isEqualTo(GRID_C);
    assertThat(r.units().get(2).previousRank()).as("no alert in October").isNull();
    assertThat(r.ranked()).isEqualTo(3);
    assertThat(r.units().subList(3, r.units().size()))
        .as("every other grid cell of the demo city, without a score")
        .isNotEmpty()
        .allSatisfy(u -> assertThat(u.score()).isNull())
        .allSatisfy(u -> assertThat(u.rank()).isNull());
  }

  @Test
  void monthsAreCutAtMidnightInShanghai() throws Exception {
    Figures c = unit(report(GovernanceLevel.GRID), GRID_C).figures();

    assertThat(c.received()).isEqualTo(1);
    assertThat(c.acknowledged()).isZero();
    assertThat(report(GovernanceLevel.GRID).total().figures().received()).isEqualTo(7);
  }

  @Test
  void aTownshipPoolsItsGridsDurationsBeforeTakingTheMedian() throws Exception {
    Figures liuwan = unit(report(GovernanceLevel.TOWNSHIP), "430702001").figures();

    assertThat(liuwan.received()).isEqualTo(6);
    // 100, 200, 300, 600, 1200, 3000 s
    assertThat(liuwan.ackMedianSeconds()).isEqualTo(300);
    assertThat(liuwan.ackP90Seconds()).isEqualTo(3000);
  }

  @Test
  void aTrendGivesTheScoreMonthByMonth() throws Exception {
    Report.Trend t = index.trend(GRID_B, NOVEMBER, 3);

    assertThat(t.months())
        .extracting(p -> p.month().toString())
        .containsExactly("2026-09", "2026-10", "2026-11");
    assertThat(t.months()).extracting(Report.Point::score).containsExactly(null, 10.0, 100.0);
    assertThat(t.months().get(2).received()).isEqualTo(2);
  }

  @Test
  void aSettledMonthIsReadFromWhatWasKeptAndTheRefreshRecomputesTheCurrentOne() throws Exception {
    report(GovernanceLevel.GRID);
    AlertHistory more = new AlertHistory();
    more.raised(GRID_A, "2026-11-20T02:00:00Z");
    more.raised(GRID_A, "2026-12-19T02:00:00Z");
    more.insertInto(db.dataSource());

    assertThat(unit(report(GovernanceLevel.GRID), GRID_A).figures().received())
        .as("November was kept after it settled")
        .isEqualTo(4);
    index.refresh();
    assertThat(index.figures(YearMonth.of(2026, 12)).of(GovernanceLevel.GRID, GRID_A).received())
        .isEqualTo(1);
    assertThat(unit(report(GovernanceLevel.GRID), GRID_A).figures().received())
        .as("a settled month is not scanned by the refresh")
        .isEqualTo(4);
    index.recompute(NOVEMBER);
    assertThat(unit(report(GovernanceLevel.GRID), GRID_A).figures().received()).isEqualTo(5);
  }

  private Report report(GovernanceLevel level) throws Exception {
    return index.report(level, NOVEMBER, code -> true, true);
  }

  private static Report.Unit unit(Report r, String code) {
    return r.units().stream().filter(u -> u.code().equals(code)).findFirst().orElseThrow();
  }

  private static Duration min(long m) {
    return Duration.ofMinutes(m);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  private static Duration sec(long s) {
    return Duration.ofSeconds(s);
  }
}
