package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sharpeyes.schema.id.EventIds;

/**
 * Everything a chaos run saw, for the assertions and the summary line.
 *
 * @param store which store the server used ("H2", "PostgreSQL")
 * @param edges one tally per edge, in the cluster's order
 * @param kills kills done per target label
 * @param journal one line per kill
 * @param brokerKills when the broker was killed
 * @param serverOutages when the ingest-server was killed, and when it was ready again each time
 * @param duplicates {@code sharpeyes_ingest_duplicate_total} added up over the server's lives (a
 *     lower bound: what a life counted after its last scrape died with it)
 * @param audit what the store holds at the end
 * @param drained whether every edge's outbox emptied and the server caught up within the drain
 *     timeout
 * @param sending from the first read to the last answer
 * @param elapsed from the first read until drained (or the drain timeout)
 */
record ChaosOutcome(
    String store,
    ChaosSettings settings,
    List<EdgeTally> edges,
    Map<String, Integer> kills,
    List<String> journal,
    List<Instant> brokerKills,
    List<ChaosJournal.Outage> serverOutages,
    long duplicates,
    Set<String> hotPlates,
    StoreAudit audit,
    boolean drained,
    Duration sending,
    Duration elapsed) {

  /**
   * What one edge was sent, what it answered, and what the server says of its {@code seq}.
   *
   * @param sent reads sent to it
   * @param reads its answers as the reader saw them
   * @param killed whether this is the edge the chaos kills
   * @param serverView its entry in {@code GET /api/edges} at the end (missing node if none)
   * @param lastSeq the last {@code seq} the edge assigned, from its {@code /status}; -1 if unknown
   * @param redelivered {@code sharpeyes_edge_outbox_redelivered_total} over its lives
   * @param dropped {@code sharpeyes_edge_outbox_dropped_total} over its lives
   */
  record EdgeTally(
      String edgeId,
      long sent,
      AcceptedReads reads,
      boolean killed,
      JsonNode serverView,
      long lastSeq,
      long redelivered,
      long dropped) {

    long accepted() {
      return reads.accepted().size();
    }
  }

  /** An accepted event that is not in the store. */
  record LostEvent(String edgeId, long seq, String id, Instant createdAt) {
    @Override
    public String toString() {
      return edgeId + " seq " + seq + " id " + id + " created " + createdAt;
    }
  }

  /**
   * Accepted events missing from the store below the edge's last stored {@code seq}: gone for good,
   * by edge and seq.
   */
  List<LostEvent> lost() {
    return missing(true);
  }

  /**
   * Accepted events above the edge's last stored {@code seq}: not delivered (still in an outbox, or
   * lost on the way), by edge and seq.
   */
  List<LostEvent> undelivered() {
    return missing(false);
  }

  private List<LostEvent> missing(boolean belowLastStored) {
    return edges.stream()
        .flatMap(
            e -> {
              long lastStored = e.serverView().path("lastSeq").asLong(0);
              return e.reads().accepted().entrySet().stream()
                  .filter(a -> !audit.events().containsKey(a.getKey()))
                  .filter(a -> (a.getValue() <= lastStored) == belowLastStored)
                  .map(
                      a ->
                          new LostEvent(
                              e.edgeId(),
                              a.getValue(),
                              a.getKey(),
                              Instant.ofEpochMilli(EventIds.timestampMillis(a.getKey()))));
            })
        .sorted(Comparator.comparing(LostEvent::edgeId).thenComparingLong(LostEvent::seq))
        .toList();
  }

  /**
   * Events a Mosquitto {@code kill -9} may lose, per kill: what it acknowledged in its last loop
   * (at most one publish per connected edge) and the messages it queued since its last save (fewer
   * than {@link MosquittoChild#SAVE_EVERY_CHANGES}). None when strict.
   */
  long brokerLossAllowance() {
    long perKill = edges.size() + MosquittoChild.SAVE_EVERY_CHANGES - 1;
    return settings.strict() ? 0 : brokerKills.size() * perKill;
  }

  /**
   * Events Mosquitto may lose when the ingest-server is killed while messages are in flight to it:
   * at most one per edge per server kill, created within {@link #IN_FLIGHT_BEFORE} before the kill
   * or {@link #IN_FLIGHT_AFTER} after it. None when strict. See {@code docs/reliability.md}.
   */
  long serverKillLossAllowance() {
    return settings.strict() ? 0 : (long) serverKills().size() * edges.size();
  }

  /** When the ingest-server was killed, earliest first. */
  List<Instant> serverKills() {
    return serverOutages.stream().map(ChaosJournal.Outage::killed).toList();
  }

  /** How long after a server is ready again its backlog may still be queued at the broker. */
  static final Duration CATCH_UP = Duration.ofSeconds(5);

  /**
   * Whether {@code lost} may be what Mosquitto had queued (or was sending) for an ingest-server
   * that was away when Mosquitto itself was killed: created between a server kill (less {@link
   * #IN_FLIGHT_BEFORE}) and a broker kill that came before that server was ready again and {@link
   * #CATCH_UP} more. Finding 9 of docs/reliability.md: Mosquitto 2.0.11 restarted from such a
   * moment lost hundreds of them. Never when strict.
   */
  boolean queuedForAnAbsentServer(LostEvent lost) {
    if (settings.strict()) {
      return false;
    }
    return serverOutages.stream()
        .anyMatch(
            outage ->
                brokerKills.stream()
                    .anyMatch(
                        broker ->
                            broker.isAfter(outage.killed())
                                && !broker.isAfter(outage.ready().plus(CATCH_UP))
                                && !lost.createdAt()
                                    .isBefore(outage.killed().minus(IN_FLIGHT_BEFORE))
                                && !lost.createdAt().isAfter(broker)));
  }

  static final Duration IN_FLIGHT_BEFORE = Duration.ofSeconds(2);
  static final Duration IN_FLIGHT_AFTER = Duration.ofSeconds(1);

  /** Whether {@code lost} was created while a server kill could have caught it in flight. */
  boolean inFlightAtAServerKill(LostEvent lost) {
    return serverKills().stream()
        .anyMatch(
            k ->
                !lost.createdAt().isBefore(k.minus(IN_FLIGHT_BEFORE))
                    && !lost.createdAt().isAfter(k.plus(IN_FLIGHT_AFTER)));
  }

  /** Seqs missing at the server, all edges, from {@code GET /api/edges}. */
  long missingSeqs() {
    return edges.stream().mapToLong(e -> e.serverView().path("missingSeqs").asLong(0)).sum();
  }

  long sent() {
    return edges.stream().mapToLong(EdgeTally::sent).sum();
  }

  long accepted() {
    return edges.stream().mapToLong(EdgeTally::accepted).sum();
  }

  long dropped() {
    return edges.stream().mapToLong(EdgeTally::dropped).sum() + audit.deadLetters();
  }

  /** Stored events the reader got no 2xx for: stored just before the edge died, answer lost. */
  long storedUnanswered() {
    long accepted =
        edges.stream()
            .flatMap(e -> e.reads().accepted().keySet().stream())
            .filter(audit.events()::containsKey)
            .count();
    return audit.events().size() - accepted;
  }

  /** The one line a reader of the build log needs. */
  String summary() {
    String perEdge =
        edges.stream()
            .map(
                e ->
                    e.edgeId()
                        + (e.killed() ? " (killed)" : "")
                        + " sent="
                        + e.sent()
                        + " accepted="
                        + e.accepted()
                        + " unanswered="
                        + e.reads().unansweredCount()
                        + " refused="
                        + e.reads().refusedCount()
                        + " lastSeq="
                        + e.lastSeq()
                        + " redelivered>="
                        + e.redelivered())
            .collect(Collectors.joining("; "));
    return String.format(
        "chaos[%s] events sent=%d accepted=%d stored=%d (distinct %d, stored without a 2xx %d)"
            + " lost=%d undelivered=%d (seq gaps %d; allowance for %d broker kills %d, for %d"
            + " server kills %d; queued for a server away at a broker kill %d)"
            + " duplicatesSeenByServer>=%d drops=%d (outbox %d, dead letters %d)"
            + " kills=%s hotEventsStored=%d alerts=%s hotEventsWithoutAlert=%d"
            + " drained=%s sending=%ds elapsed=%ds [%s] replay: %s",
        store,
        sent(),
        accepted(),
        audit.rows(),
        audit.distinctIds(),
        storedUnanswered(),
        lost().size(),
        undelivered().size(),
        missingSeqs(),
        brokerKills.size(),
        brokerLossAllowance(),
        serverOutages.size(),
        serverKillLossAllowance(),
        lost().stream().filter(this::queuedForAnAbsentServer).count(),
        duplicates,
        dropped(),
        edges.stream().mapToLong(EdgeTally::dropped).sum(),
        audit.deadLetters(),
        kills,
        audit.hotEventsStored(hotPlates),
        audit.alertsByState(),
        audit.hotEventsWithoutEvidence().size(),
        drained,
        sending.toSeconds(),
        elapsed.toSeconds(),
        perEdge,
        settings.replay());
  }
}
