package org.sharpeyes.ingest.pipeline;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sharpeyes.ingest.config.IngestConfig;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.codec.RejectReason;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.topic.EdgeStatusMessage;
import org.sharpeyes.schema.topic.TopicAddress;
import org.sharpeyes.schema.topic.Topics;

/**
 * Decides what to do with one message: store it as an event, keep it as a snapshot, record an
 * edge's status, or dead-letter it with a reason. Pure apart from the clock and the {@code
 * received} counter; never throws on any input. Thread-safe.
 *
 * <p>A valid event costs no regular expression, string formatting or logging here: the event topics
 * met are remembered with what {@link Topics#parse} made of them (at most {@link
 * #MAX_EVENT_TOPICS}, one per edge and kind; when full the memory starts afresh), and words are put
 * together only for a message that is refused.
 */
public final class MessageTriage {

  /** Reason label: the event's time is further in the future than {@code maxClockSkew}. */
  public static final String CLOCK_SKEW = "clock-skew";

  /**
   * Reason label: the event's time is further in the past than {@code maxEventAge} (and the event
   * is not already stored).
   */
  public static final String TOO_OLD = "too-old";

  /** Reason label: a snapshot message without bytes. */
  public static final String EMPTY_SNAPSHOT = "empty-snapshot";

  /** Event topics remembered parsed; past this the memory is cleared and filled again. */
  static final int MAX_EVENT_TOPICS = 4096;

  private final EventCodec codec;
  private final ObjectMapper mapper;
  private final Duration maxClockSkew;
  private final Duration maxEventAge;
  private final int maxMessageBytes;
  private final int maxSnapshotBytes;
  private final Clock clock;
  private final IngestMetrics metrics;
  private final ConcurrentMap<String, TopicAddress.Events> eventTopics = new ConcurrentHashMap<>();

  public MessageTriage(EventCodec codec, IngestConfig config, Clock clock, IngestMetrics metrics) {
    this.codec = codec;
    this.mapper = codec.mapper();
    this.maxClockSkew = config.maxClockSkew();
    this.maxEventAge = config.maxEventAge();
    this.maxMessageBytes = config.maxMessageBytes();
    this.maxSnapshotBytes = config.maxSnapshotBytes();
    this.clock = clock;
    this.metrics = metrics;
  }

  Verdict judge(InboundMessage message) {
    TopicAddress.Events known = message.topic() == null ? null : eventTopics.get(message.topic());
    if (known != null) {
      metrics.received(known.type().kind());
      return judgeEvent(known, message);
    }
    Optional<TopicAddress> address = Topics.parse(message.topic());
    if (address.isPresent() && address.get() instanceof TopicAddress.Events events) {
      remember(message.topic(), events);
      metrics.received(events.type().kind());
      return judgeEvent(events, message);
    }
    if (address.isPresent() && address.get() instanceof TopicAddress.Snapshot snapshot) {
      return judgeSnapshot(snapshot, message.payload());
    }
    if (address.isPresent() && address.get() instanceof TopicAddress.Status status) {
      return judgeStatus(status, message.payload());
    }
    if (message.topic() != null && message.topic().contains("/events/")) {
      metrics.received("unknown");
    }
    return new Verdict.Rejected(
        RejectReason.WRONG_TOPIC.label(),
        "'"
            + message.topic()
            + "' is not a topic the server reads: expected "
            + Topics.allEvents()
            + " (kind one of the known event kinds), "
            + Topics.allSnapshots()
            + " or "
            + Topics.allStatus());
  }

  private void remember(String topic, TopicAddress.Events events) {
    if (eventTopics.size() >= MAX_EVENT_TOPICS) {
      eventTopics.clear();
    }
    eventTopics.put(topic, events);
  }

  /** Event topics remembered now. */
  int rememberedTopics() {
    return eventTopics.size();
  }

  private Verdict judgeEvent(TopicAddress.Events topic, InboundMessage message) {
    DecodeResult result = codec.decode(message.payload());
    if (result instanceof DecodeResult.Rejected rejected) {
      return new Verdict.Rejected(rejected.reason().label(), rejected.summary());
    }
    EdgeEvent event = ((DecodeResult.Decoded) result).event();
    if (!event.edgeId().equals(topic.edgeId())) {
      return wrongTopic(
          "published on the topic of edge '"
              + topic.edgeId()
              + "' but edgeid is '"
              + event.edgeId()
              + "'; an edge publishes only under its own id");
    }
    if (event.type() != topic.type()) {
      return wrongTopic(
          "published on events/"
              + topic.type().kind()
              + " but type is "
              + event.type().ceType()
              + "; publish it on events/"
              + event.type().kind());
    }
    Instant now = clock.instant();
    if (event.time().isAfter(now.plus(maxClockSkew))) {
      Duration ahead = Duration.between(now, event.time());
      return new Verdict.Rejected(
          CLOCK_SKEW,
          "time "
              + event.time()
              + " is "
              + human(ahead.truncatedTo(ChronoUnit.SECONDS))
              + " ahead of the server clock, more than ingest.maxClockSkew ("
              + human(maxClockSkew)
              + "); check the edge's time synchronisation (NTP)");
    }
    EventRow row = EventRow.of(event, message.payload(), message.receivedAt());
    if (!maxEventAge.isZero() && event.time().isBefore(now.minus(maxEventAge))) {
      Duration age = Duration.between(event.time(), now);
      return new Verdict.RejectedUnlessStored(
          row,
          TOO_OLD,
          "time "
              + event.time()
              + " is "
              + human(age.truncatedTo(ChronoUnit.SECONDS))
              + " before the server clock, more than ingest.maxEventAge ("
              + human(maxEventAge)
              + "); an edge replays old events after an outage, but not this old (check its"
              + " clock, or raise maxEventAge to take in a longer backlog)");
    }
    return new Verdict.Accepted(event, row);
  }

  private Verdict judgeSnapshot(TopicAddress.Snapshot topic, byte[] payload) {
    if (payload.length == 0) {
      return new Verdict.Rejected(
          EMPTY_SNAPSHOT, "snapshot for event " + topic.eventId() + " has no bytes");
    }
    if (payload.length > maxSnapshotBytes) {
      return new Verdict.Rejected(
          RejectReason.OVERSIZE.label(),
          "snapshot for event "
              + topic.eventId()
              + " is "
              + payload.length
              + " bytes, the limit is "
              + maxSnapshotBytes
              + " (ingest.maxSnapshotBytes)");
    }
    return new Verdict.SnapshotImage(topic.edgeId(), topic.eventId());
  }

  private Verdict judgeStatus(TopicAddress.Status topic, byte[] payload) {
    if (payload.length == 0) {
      return new Verdict.Ignored("retained status of " + topic.edgeId() + " cleared");
    }
    if (payload.length > maxMessageBytes) {
      return new Verdict.Rejected(
          RejectReason.OVERSIZE.label(),
          "status is " + payload.length + " bytes, the limit is " + maxMessageBytes);
    }
    EdgeStatusMessage status;
    try {
      status = mapper.readValue(payload, EdgeStatusMessage.class);
    } catch (JsonParseException | StreamConstraintsException e) {
      return new Verdict.Rejected(
          RejectReason.MALFORMED_JSON.label(),
          "status is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return new Verdict.Rejected(
          RejectReason.INVALID_FIELDS.label(), "status has invalid fields: " + firstLine(e));
    }
    if (status == null || status.edgeId() == null || status.state() == null) {
      return new Verdict.Rejected(
          RejectReason.INVALID_FIELDS.label(), "status needs edgeId and state (online/offline)");
    }
    if (!status.edgeId().equals(topic.edgeId())) {
      return wrongTopic(
          "status of edge '"
              + status.edgeId()
              + "' published on the status topic of edge '"
              + topic.edgeId()
              + "'");
    }
    metrics.edgeStatus(status.state().name().toLowerCase(Locale.ROOT));
    return new Verdict.Status(status);
  }

  private static Verdict wrongTopic(String detail) {
    return new Verdict.Rejected(RejectReason.WRONG_TOPIC.label(), "wrong-topic: " + detail);
  }

  /** {@code 5m1s}, {@code 48h}: ISO-8601 without its noise. */
  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
