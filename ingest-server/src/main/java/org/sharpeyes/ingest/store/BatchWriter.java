package org.sharpeyes.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of events and dead letters. The common case is one transaction: the events whose
 * ids are not stored yet are inserted ({@link EventStore#insertNew}: on PostgreSQL the insert skips
 * the stored ones itself, on H2 they are looked up first), the others and the repeats within the
 * batch are reported as duplicates, and the dead letters go in one JDBC batch. A {@link
 * LetterUnlessStored} (an event the pipeline refuses, e.g. too old) is written as a dead letter
 * only when its event is not already stored; when it is, the message was a redelivery and is
 * reported as a duplicate. If the transaction fails anyway (a row the database refuses; on H2 also
 * a duplicate racing in from another writer, which PostgreSQL's insert skips), the batch is written
 * row by row so that one bad row costs only itself.
 *
 * <p>A batch may carry a {@link Companion}: the rows that belong with its new events (the alerts
 * they raise). They are written on the same connection, in the same transaction as the events, so
 * that a crash or a failure leaves either both or neither: a redelivered event that is already
 * stored has had its effects recorded too. Row by row, each event is a transaction of its own with
 * its companions.
 *
 * <p>What has been decided is kept in the {@link Batch}, so a caller retrying after a transient
 * failure (database unreachable) never reports an event as both stored and duplicate. Not
 * thread-safe per batch; the writer itself is stateless.
 */
public final class BatchWriter {

  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  /** What happened to one event of a batch. */
  public enum Outcome {
    /** Stored for the first time. */
    INSERTED,
    /** An event with this id was already stored. */
    DUPLICATE,
    /** The database will never accept this row (see {@link Batch#refusal(int)}). */
    REFUSED,
    /** The event is not stored and its dead letter is written (a {@link LetterUnlessStored}). */
    DEAD_LETTERED
  }

  /**
   * A dead letter for an event that is written only if the event is not already stored.
   *
   * @param eventId the id of the refused event
   */
  public record LetterUnlessStored(String eventId, DeadLetter letter) {}

  /** The rows that belong with newly stored events, written in the transaction that stores them. */
  public interface Companion {

    /** Writes nothing. */
    Companion NONE =
        new Companion() {
          @Override
          public Runnable write(Connection c, List<Integer> fresh) {
            return () -> {};
          }

          @Override
          public void abandoned(int index, Exception cause) {}
        };

    /**
     * Writes, on {@code c}, the rows that belong with the events at {@code fresh} (indexes into the
     * batch's events, each being inserted now). Must not commit, roll back or close {@code c}.
     *
     * @return what to do once the transaction has committed (e.g. announce what was written)
     * @throws SQLException to roll back the whole transaction; the writer then stores the events
     *     one at a time, calling this once per event
     */
    Runnable write(Connection c, List<Integer> fresh) throws SQLException;

    /**
     * Writing the companions of event {@code index} alone failed for good (the database refuses
     * them, or a bug); the event is stored without them. Log and count it.
     */
    void abandoned(int index, Exception cause);
  }

  private static final int COMPANION_ATTEMPTS = 3;

  private final DataSource dataSource;
  private final EventStore events;
  private final DeadLetterStore deadLetters;

  public BatchWriter(DataSource dataSource, EventStore events, DeadLetterStore deadLetters) {
    this.dataSource = dataSource;
    this.events = events;
    this.deadLetters = deadLetters;
  }

  /**
   * Writes what is not yet written of {@code batch}.
   *
   * @throws SQLException on a failure that may pass (connection lost...); the batch keeps what was
   *     decided, call again later
   */
  public void write(Batch batch) throws SQLException {
    if (batch.complete()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (batch.untouched() && writeInOneTransaction(c, batch)) {
        return;
      }
      c.setAutoCommit(true);
      writeRowByRow(c, batch);
    }
  }

  private boolean writeInOneTransaction(Connection c, Batch batch) throws SQLException {
    c.setAutoCommit(false);
    try {
      Set<String> seen = new HashSet<>();
      List<Integer> firsts = new ArrayList<>();
      for (int i = 0; i < batch.events.size(); i++) {
        if (seen.add(batch.events.get(i).id())) {
          firsts.add(i); // a repeat within the batch is a duplicate of its first copy
        }
      }
      Set<String> others = new HashSet<>();
      batch.unlessStored.forEach(u -> others.add(u.eventId()));
      others.removeAll(seen); // the batch's events are stored once it commits, new or not
      Set<String> stored = others.isEmpty() ? Set.of() : events.existing(c, others);
      Set<String> inserted = events.insertNew(c, firsts.stream().map(batch.events::get).toList());
      List<Integer> fresh =
          firsts.stream().filter(i -> inserted.contains(batch.events.get(i).id())).toList();
      List<DeadLetter> letters = new ArrayList<>(batch.letters);
      Outcome[] unlessStored = new Outcome[batch.unlessStored.size()];
      for (int i = 0; i < unlessStored.length; i++) {
        LetterUnlessStored u = batch.unlessStored.get(i);
        boolean isStored = stored.contains(u.eventId()) || seen.contains(u.eventId());
        unlessStored[i] = isStored ? Outcome.DUPLICATE : Outcome.DEAD_LETTERED;
        if (!isStored) {
          letters.add(u.letter());
        }
      }
      deadLetters.insertBatch(c, letters);
      Runnable committed = fresh.isEmpty() ? null : batch.companion.write(c, List.copyOf(fresh));
      c.commit();
      if (committed != null) {
        batch.committed.add(committed);
      }
      Arrays.fill(batch.outcomes, Outcome.DUPLICATE);
      fresh.forEach(i -> batch.outcomes[i] = Outcome.INSERTED);
      Arrays.fill(batch.lettersDone, true);
      System.arraycopy(unlessStored, 0, batch.unlessStoredOutcomes, 0, unlessStored.length);
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.debug(
          "batch of {} events failed, writing row by row: {}", batch.events.size(), e.toString());
      try {
        c.rollback();
      } catch (SQLException rollbackFailure) {
        rollbackFailure.addSuppressed(e);
        throw rollbackFailure; // the connection is unusable: let the caller retry later
      }
      return false;
    }
  }

  private void writeRowByRow(Connection c, Batch batch) throws SQLException {
    for (int i = 0; i < batch.events.size(); i++) {
      if (batch.outcomes[i] != null) {
        continue;
      }
      c.setAutoCommit(false);
      try {
        if (!events.insert(c, batch.events.get(i))) {
          c.rollback();
          batch.outcomes[i] = Outcome.DUPLICATE;
          continue;
        }
        Runnable committed = companionsAlone(c, batch, i);
        c.commit();
        batch.outcomes[i] = Outcome.INSERTED;
        batch.committed.add(committed);
      } catch (SQLException e) {
        c.rollback();
        if (!SqlFailures.isPermanent(e)) {
          throw e;
        }
        batch.outcomes[i] = Outcome.REFUSED;
        batch.refusals[i] = "the database refused the event: " + firstLine(e);
      }
    }
    c.setAutoCommit(true);
    for (int i = 0; i < batch.letters.size(); i++) {
      if (batch.lettersDone[i]) {
        continue;
      }
      try {
        deadLetters.insert(c, batch.letters.get(i));
      } catch (SQLException e) {
        if (!SqlFailures.isPermanent(e)) {
          throw e;
        }
        // Cannot happen with the bounds DeadLetter applies; logged so that it is never silent.
        LOG.error(
            "dead letter ({}) refused by the database, dropped: {}",
            batch.letters.get(i).reason(),
            firstLine(e));
      }
      batch.lettersDone[i] = true;
    }
    for (int i = 0; i < batch.unlessStored.size(); i++) {
      if (batch.unlessStoredOutcomes[i] != null) {
        continue;
      }
      LetterUnlessStored u = batch.unlessStored.get(i);
      if (!events.existing(c, List.of(u.eventId())).isEmpty()) {
        batch.unlessStoredOutcomes[i] = Outcome.DUPLICATE;
        continue;
      }
      try {
        deadLetters.insert(c, u.letter());
      } catch (SQLException e) {
        if (!SqlFailures.isPermanent(e)) {
          throw e;
        }
        LOG.error(
            "dead letter ({}) refused by the database, dropped: {}",
            u.letter().reason(),
            firstLine(e));
      }
      batch.unlessStoredOutcomes[i] = Outcome.DEAD_LETTERED;
    }
  }

  /**
   * The companions of event {@code i} inside its own transaction, under a savepoint: when the
   * database refuses them for good, they are rolled back and abandoned and the event is still
   * stored. A unique violation (another instance raised the same alert first) is tried again.
   */
  private static Runnable companionsAlone(Connection c, Batch batch, int i) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Savepoint before = c.setSavepoint();
      try {
        return batch.companion.write(c, List.of(i));
      } catch (SQLException e) {
        c.rollback(before);
        if (!SqlFailures.isPermanent(e)) {
          throw e;
        }
        if (attempt < COMPANION_ATTEMPTS && SqlFailures.isDuplicateKey(e)) {
          continue;
        }
        batch.companion.abandoned(i, e);
        return () -> {};
      } catch (RuntimeException e) {
        c.rollback(before);
        batch.companion.abandoned(i, e);
        return () -> {};
      }
    }
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)) + " (SQLState " + e.getSQLState() + ")";
  }

  /** Events and dead letters to write together, with what has been decided about each. */
  public static final class Batch {
    private final List<EventRow> events;
    private final List<DeadLetter> letters;
    private final List<LetterUnlessStored> unlessStored;
    private final Outcome[] outcomes;
    private final String[] refusals;
    private final boolean[] lettersDone;
    private final Outcome[] unlessStoredOutcomes;
    private final Companion companion;
    private final List<Runnable> committed = new ArrayList<>();

    public Batch(List<EventRow> events, List<DeadLetter> letters) {
      this(events, letters, List.of(), Companion.NONE);
    }

    public Batch(
        List<EventRow> events, List<DeadLetter> letters, List<LetterUnlessStored> unlessStored) {
      this(events, letters, unlessStored, Companion.NONE);
    }

    /**
     * @param companion writes what belongs with the new events, in their transaction
     */
    public Batch(
        List<EventRow> events,
        List<DeadLetter> letters,
        List<LetterUnlessStored> unlessStored,
        Companion companion) {
      this.companion = companion;
      this.events = List.copyOf(events);
      this.letters = List.copyOf(letters);
      this.unlessStored = List.copyOf(unlessStored);
      this.outcomes = new Outcome[events.size()];
      this.refusals = new String[events.size()];
      this.lettersDone = new boolean[letters.size()];
      this.unlessStoredOutcomes = new Outcome[unlessStored.size()];
    }

    /**
     * What the companion asked to do after each of its transactions committed, in commit order; the
     * caller runs them once the batch is complete.
     */
    public List<Runnable> committed() {
      return List.copyOf(committed);
    }

    /** The outcome of event {@code i}, or {@code null} while undecided. */
    public Outcome outcome(int i) {
      return outcomes[i];
    }

    /**
     * The outcome of letter-unless-stored {@code i}: {@link Outcome#DUPLICATE} or {@link
     * Outcome#DEAD_LETTERED}; {@code null} while undecided.
     */
    public Outcome unlessStoredOutcome(int i) {
      return unlessStoredOutcomes[i];
    }

    /** Why event {@code i} was {@link Outcome#REFUSED}, else {@code null}. */
    public String refusal(int i) {
      return refusals[i];
    }

    public boolean complete() {
      for (Outcome o : outcomes) {
        if (o == null) {
          return false;
        }
      }
      for (boolean done : lettersDone) {
        if (!done) {
          return false;
        }
      }
      for (Outcome o : unlessStoredOutcomes) {
        if (o == null) {
          return false;
        }
      }
      return true;
    }

    private boolean untouched() {
      for (Outcome o : outcomes) {
        if (o != null) {
          return false;
        }
      }
      for (boolean done : lettersDone) {
        if (done) {
          return false;
        }
      }
      for (Outcome o : unlessStoredOutcomes) {
        if (o != null) {
          return false;
        }
      }
      return true;
    }
  }
}
