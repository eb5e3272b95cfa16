package org.sharpeyes.it.chaos;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.it.TestPair;
import org.sharpeyes.it.chaos.ChaosOutcome.EdgeTally;
import org.sharpeyes.it.chaos.ChaosOutcome.LostEvent;
import org.sharpeyes.it.chaos.StoreAudit.StoredEvent;

/**
 * Nothing lost, nothing doubled, proven by force: Mosquitto, the ingest-server and one of two
 * edge-agents run as child processes and are each killed with {@code kill -9} at random moments
 * (three times by default) and started again while plate readers push to both edges. At the end,
 * every event an edge accepted (answered 2xx) is in the store exactly once, no alert is doubled,
 * and no edge's {@code seq} has a gap.
 *
 * <p>The short form runs in CI. The long form and the other knobs are system properties, see {@link
 * ChaosSettings} and {@code docs/reliability.md}, e.g. {@code ./mvnw -pl integration-tests verify
 * -Dit.test=ChaosIT -Dchaos.events=100000}. Child logs and the summary are under {@code
 * target/chaos-logs/}.
 */
class ChaosIT {

  @Test
  void nothingAcceptedIsLostOrDoubledWhileBrokerServerAndAnEdgeAreKilledOnH2(@TempDir Path dir)
      throws Exception {
    assumeTrue(MosquittoChild.installed(), "needs " + MosquittoChild.EXECUTABLE);
    ChaosOutcome outcome =
        ChaosRun.run("H2", ChaosSettings.fromSystemProperties(), dir, Optional.empty());
    assertNothingLostNothingDoubled(outcome);
  }

  @Test
  void nothingAcceptedIsLostOrDoubledWhileBrokerServerAndAnEdgeAreKilledOnPostgres(
      @TempDir Path dir) throws Exception {
    assumeTrue(MosquittoChild.installed(), "needs " + MosquittoChild.EXECUTABLE);
    String admin = System.getenv(TestPair.JDBC_ENV);
    assumeTrue(
        admin != null && !admin.isBlank(), "set " + TestPair.JDBC_ENV + " to run on PostgreSQL");
    String database = TestPair.uniqueName("sharpeyes_chaos_");
    String url = TestPair.createDatabase(admin, database);
    try {
      ChaosOutcome outcome =
          ChaosRun.run("PostgreSQL", ChaosSettings.fromSystemProperties(), dir, Optional.of(url));
      assertNothingLostNothingDoubled(outcome);
    } finally {
      TestPair.dropDatabase(admin, database);
    }
  }

  private static void assertNothingLostNothingDoubled(ChaosOutcome o) {
    SoftAssertions soft = new SoftAssertions();
    String summary = " (summary: " + o.summary() + ")";
    soft.assertThat(o.kills().values())
        .as("kill -9 of broker, ingest-server and edge-agent, each as planned" + summary)
        .containsOnly(o.settings().killsEach());
    soft.assertThat(o.drained())
        .as("every outbox empty and the server caught up within " + o.settings().drain() + summary)
        .isTrue();
    assertNothingAcceptedIsLost(soft, o);
    for (EdgeTally edge : o.edges()) {
      assertEdgeSequenceIsWhole(soft, o, edge);
    }
    StoreAudit audit = o.audit();
    soft.assertThat(audit.rows())
        .as("event rows = distinct event ids")
        .isEqualTo(audit.distinctIds());
    soft.assertThat(o.duplicates())
        .as("redeliveries that reached the server and were recognised as duplicates" + summary)
        .isPositive();
    soft.assertThat(audit.alertsByState()).as("alerts raised by the hot plates").isNotEmpty();
    soft.assertThat(audit.alertsByState().keySet())
        .as("alert states (nobody touches them)")
        .containsOnly("new");
    soft.assertThat(audit.subjectsWithSeveralAlerts())
        .as("subjects (rule|type|key) with more than one alert")
        .isEmpty();
    soft.assertThat(audit.eventsInSeveralAlerts())
        .as("events that are evidence of more than one alert")
        .isEmpty();
    soft.assertThat(audit.countsOffEvidence())
        .as("alerts whose count is not their number of evidence events")
        .isEmpty();
    soft.assertThat(audit.deadLettersByReason()).as("dead letters by reason").isEmpty();
    soft.assertThat(audit.hotEventsWithoutEvidence().stream().map(StoredEvent::toString).toList())
        .as("stored events of hot plates that no alert shows as evidence" + summary)
        .isEmpty();
    soft.assertAll();
  }

  /**
   * Every accepted event is stored, except what Mosquitto can lose (see {@link ChaosSettings} and
   * docs/reliability.md): on its own {@code kill -9}, what it acknowledged in its last loop and
   * queued since its last save (older than the last broker kill); on a {@code kill -9} of the
   * ingest-server, what it had in flight to it (created around that kill); and what it held for an
   * ingest-server that was away when the broker itself was killed. The first two are bounded per
   * kill; none of them with {@code -Dchaos.strict=true}.
   */
  private static void assertNothingAcceptedIsLost(SoftAssertions soft, ChaosOutcome o) {
    List<LostEvent> undelivered = o.undelivered();
    soft.assertThat(undelivered.size())
        .as(
            "accepted events never delivered (above the last seq stored); first: %s",
            first(undelivered))
        .isZero();
    List<LostEvent> lost = o.lost();
    List<LostEvent> heldForAnAbsentServer =
        lost.stream().filter(o::queuedForAnAbsentServer).toList();
    List<LostEvent> rest = lost.stream().filter(l -> !o.queuedForAnAbsentServer(l)).toList();
    Instant lastBrokerKill = o.brokerKills().stream().max(Instant::compareTo).orElse(Instant.MIN);
    List<LostEvent> inexplicable =
        rest.stream()
            .filter(l -> l.createdAt().isAfter(lastBrokerKill))
            .filter(l -> o.settings().strict() || !o.inFlightAtAServerKill(l))
            .toList();
    soft.assertThat(inexplicable.size())
        .as(
            "accepted events lost that were created after the last broker kill (%s) and not in"
                + " flight at a server kill (%s); first: %s",
            lastBrokerKill, o.serverKills(), first(inexplicable))
        .isZero();
    long allowance = o.brokerLossAllowance() + o.serverKillLossAllowance();
    soft.assertThat((long) rest.size())
        .as(
            "accepted events lost (a seq gap at the server), other than %d held for a server that"
                + " was away at a broker kill; broker killed at %s, server at %s; first: %s",
            heldForAnAbsentServer.size(), o.brokerKills(), o.serverKills(), first(rest))
        .isLessThanOrEqualTo(allowance);
    soft.assertThat(o.missingSeqs())
        .as(
            "seqs missing at the server (GET /api/edges), all edges; accepted among them: %d",
            lost.size())
        .isLessThanOrEqualTo(allowance + heldForAnAbsentServer.size())
        .isGreaterThanOrEqualTo(lost.size());
  }

  private static List<LostEvent> first(List<LostEvent> events) {
    return events.stream().limit(10).toList();
  }

  private static void assertEdgeSequenceIsWhole(
      SoftAssertions soft, ChaosOutcome o, EdgeTally edge) {
    String id = edge.edgeId();
    Map<String, Long> accepted = edge.reads().accepted();
    List<StoredEvent> stored = o.audit().eventsOf(id);
    List<StoredEvent> unexplained =
        stored.stream()
            .filter(StoredEvent::isRead) // device.status: the edge's own reports, no reader's
            .filter(s -> !accepted.containsKey(s.id()))
            .filter(s -> !edge.reads().wasUnanswered(s.plate(), s.time()))
            .sorted(Comparator.comparingLong(StoredEvent::seq))
            .toList();
    soft.assertThat(unexplained.size())
        .as(
            "stored events of %s without a 2xx that match no read whose answer was lost (edge"
                + " killed, or reader timed out, after the write); seqs %s",
            id, SeqRanges.of(unexplained.stream().map(StoredEvent::seq).toList()))
        .isZero();
    soft.assertThat(edge.reads().unreadableCount())
        .as("%s 2xx answers without an event id", id)
        .isZero();
    soft.assertThat(edge.dropped()).as("%s outbox drops", id).isZero();

    JsonNode seen = edge.serverView();
    soft.assertThat(seen.isMissingNode()).as("%s listed by GET /api/edges", id).isFalse();
    soft.assertThat(seen.path("epoch").asInt()).as("%s epoch (no renumbering)", id).isEqualTo(1);
    soft.assertThat(seen.path("missingInEarlierEpochs").asLong(-1))
        .as("%s missingInEarlierEpochs", id)
        .isZero();
    soft.assertThat(seen.path("lastSeq").asLong(-1))
        .as("%s lastSeq at the server = lastSeq at the edge", id)
        .isEqualTo(edge.lastSeq());
    soft.assertThat(seen.path("lastSeq").asLong(-1))
        .as("%s lastSeq = events stored + seqs missing (gaps %s)", id, seen.path("gaps"))
        .isEqualTo(stored.size() + seen.path("missingSeqs").asLong(-1));
  }
}
