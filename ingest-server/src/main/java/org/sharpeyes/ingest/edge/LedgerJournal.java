package org.sharpeyes.ingest.edge;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.sharpeyes.ingest.pipeline.StoredEventListener.Stored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ledgers a batch changes to {@code edge_ledgers}, on the transaction that stores the
 * batch: only the edges the batch touched, one {@code UPDATE} each (the gaps only when they
 * changed).
 *
 * <p>It keeps the ledger it last wrote for each edge, with the row's revision, so a write needs no
 * read. Whether that write committed it cannot know (the pipeline may roll the transaction back and
 * store the events one at a time, each in a transaction of its own, before anything is applied in
 * memory): every {@code UPDATE} therefore names the revision it expects. When the row has another,
 * the ledger before the last write is tried (the usual case: that write was rolled back), then the
 * row as the database holds it. So the row is always the ledger of exactly the events whose
 * transactions committed it. An edge new to this process starts afresh, as it does in memory,
 * whatever row an earlier run left for it.
 *
 * <p>Bounded like {@link EdgeSequences}: at most {@code maxEdges} edges. Called by the ingest
 * workers in turns; synchronized nonetheless.
 */
final class LedgerJournal {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerJournal.class);

  /** A ledger as one batch leaves it, written but not yet known to be committed. */
  record Draft(EdgeSequence ledger, EdgeSequences.Taken taken) {}

  /** What one batch wrote: its drafts, and how many of its events are of edges not tracked. */
  record Written(List<Draft> drafts, long untracked) {}

  /**
   * The ledger last written for an edge, with its row's revision; {@code before} is the one it was
   * written over (without its own {@code before}), {@code fresh} whether it started afresh.
   */
  private record Entry(EdgeSequence ledger, long revision, Entry before, boolean fresh) {
    Entry trimmed() {
      return before == null ? this : new Entry(ledger, revision, null, fresh);
    }
  }

  private final int maxEdges;
  private final int maxGaps;
  private final Map<String, Entry> written = new HashMap<>();
  private long nextRevision = ThreadLocalRandom.current().nextLong();

  LedgerJournal(int maxEdges, int maxGaps) {
    this.maxEdges = maxEdges;
    this.maxGaps = maxGaps;
  }

  /** Remembers a ledger whose row has {@code revision} (read at start, or written there). */
  synchronized void known(EdgeSequence ledger, long revision) {
    written.put(ledger.edgeId(), new Entry(ledger, revision, null, false));
  }

  /** A revision no row has had yet. */
  synchronized long newRevision() {
    return nextRevision++;
  }

  /**
   * Writes, on {@code c}, the ledger of every tracked edge of {@code batch} as the batch leaves it.
   *
   * @throws SQLException from the database; nothing is remembered then
   */
  synchronized Written write(Connection c, List<Stored> batch) throws SQLException {
    Map<String, List<Stored>> byEdge = new LinkedHashMap<>();
    for (Stored s : batch) {
      byEdge.computeIfAbsent(s.event().edgeId(), e -> new ArrayList<>()).add(s);
    }
    List<Draft> drafts = new ArrayList<>(byEdge.size());
    Map<String, Entry> next = new HashMap<>();
    long untracked = 0;
    int admitted = 0;
    for (Map.Entry<String, List<Stored>> edge : byEdge.entrySet()) {
      Entry last = written.get(edge.getKey());
      if (last == null) {
        if (written.size() + admitted >= maxEdges) {
          untracked += edge.getValue().size();
          continue;
        }
        admitted++;
      }
      Entry entry = write(c, edge.getKey(), last, edge.getValue(), drafts);
      next.put(edge.getKey(), entry);
    }
    written.putAll(next); // only once every statement passed
    return new Written(drafts, untracked);
  }

  private Entry write(
      Connection c, String edgeId, Entry last, List<Stored> events, List<Draft> drafts)
      throws SQLException {
    long revision = nextRevision++;
    if (last != null) {
      for (Entry base = last; base != null; base = base.before()) {
        Draft draft = taken(base.ledger(), events);
        boolean gapsChanged = draft.ledger().gapChanges() != base.ledger().gapChanges();
        if (LedgerTable.update(c, draft.ledger().row(), gapsChanged, base.revision(), revision)) {
          drafts.add(draft);
          return new Entry(draft.ledger(), revision, base.trimmed(), false);
        }
      }
      if (!last.fresh()) {
        Optional<Entry> stored = read(c, edgeId);
        if (stored.isPresent()) {
          Draft draft = taken(stored.get().ledger(), events);
          if (!LedgerTable.update(
              c, draft.ledger().row(), true, stored.get().revision(), revision)) {
            throw new SQLException("the ledger of edge " + edgeId + " changed meanwhile", "40001");
          }
          drafts.add(draft);
          return new Entry(draft.ledger(), revision, stored.get(), false);
        }
      }
    }
    Draft draft = taken(new EdgeSequence(edgeId, maxGaps), events);
    LedgerTable.replace(c, draft.ledger().row(), revision);
    drafts.add(draft);
    return new Entry(draft.ledger(), revision, null, true);
  }

  /** The row of {@code edgeId} as the database holds it; empty when none or not readable. */
  private Optional<Entry> read(Connection c, String edgeId) throws SQLException {
    Optional<LedgerTable.Revised> row = LedgerTable.find(c, edgeId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Entry(EdgeSequence.of(row.get().row(), maxGaps), row.get().revision(), null, false));
    } catch (IllegalArgumentException e) {
      LOG.warn("the ledger row of edge {} is not readable; it starts afresh: {}", edgeId, e);
      return Optional.empty();
    }
  }

  /** A copy of {@code base} that has taken in {@code events}; {@code base} stays as it was. */
  private static Draft taken(EdgeSequence base, List<Stored> events) {
    EdgeSequence ledger = base.copy();
    EdgeSequences.Taken taken = new EdgeSequences.Taken(ledger);
    for (Stored s : events) {
      taken.take(ledger, s.event().seq(), s.receivedAt());
    }
    return new Draft(ledger, taken);
  }
}
