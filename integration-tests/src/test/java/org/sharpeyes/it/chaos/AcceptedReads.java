package org.sharpeyes.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.sharpeyes.sims.plate.PlateReadListener;
import org.sharpeyes.sims.plate.SentRead;

/**
 * What one edge told its plate reader: every read answered 2xx is <em>accepted</em> (the edge
 * promised to deliver it) and its event id and {@code seq} are kept. Reads that got no answer (edge
 * killed, connection refused, timeout) are kept by plate and time: the edge may have stored one
 * just before it died, without the reader hearing so. Thread-safe; the simulator calls it on its
 * HTTP threads.
 */
final class AcceptedReads implements PlateReadListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String edgeId;
  private final Map<String, Long> seqById = new ConcurrentHashMap<>();
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final LongAdder unansweredReads = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder unreadable = new LongAdder();
  private final AtomicLong settled;

  /**
   * @param settled counts every read that ended, whatever became of it (shared by the edges: the
   *     chaos schedule is paced by it)
   */
  AcceptedReads(String edgeId, AtomicLong settled) {
    this.edgeId = edgeId;
    this.settled = settled;
  }

  @Override
  public void answered(SentRead read, Instant answeredAt, int status, String body) {
    try {
      if (status >= 200 && status < 300) {
        accept(body);
      } else {
        refused.increment();
      }
    } finally {
      settled.incrementAndGet();
    }
  }

  @Override
  public void failed(SentRead read, Instant failedAt, Throwable error) {
    try {
      unansweredReads.increment();
      unanswered.add(readKey(read.draw().plate(), readTime(read)));
    } finally {
      settled.incrementAndGet();
    }
  }

  private void accept(String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      String id = answer.path("eventId").asText("");
      long seq = answer.path("seq").asLong(-1);
      if (id.isEmpty()) {
        unreadable.increment();
        return;
      }
      seqById.put(id, seq);
    } catch (IOException e) {
      unreadable.increment();
    }
  }

  private static Instant readTime(SentRead read) {
    return OffsetDateTime.parse(read.body().time()).toInstant();
  }

  /** How a read and a stored event are matched when the edge's answer was lost. */
  static String readKey(String normalisedPlate, Instant time) {
    return normalisedPlate + "@" + time.toEpochMilli();
  }

  String edgeId() {
    return edgeId;
  }

  /** Event id → seq of every accepted read. */
  Map<String, Long> accepted() {
    return Map.copyOf(seqById);
  }

  /** Whether a read with this plate and time went unanswered. */
  boolean wasUnanswered(String normalisedPlate, Instant time) {
    return unanswered.contains(readKey(normalisedPlate, time));
  }

  long unansweredCount() {
    return unansweredReads.sum();
  }

  /** Answered with a status other than 2xx (e.g. 503 while the outbox was behind). */
  long refusedCount() {
    return refused.sum();
  }

  /** 2xx answers without a readable event id; should be none. */
  long unreadableCount() {
    return unreadable.sum();
  }
}
