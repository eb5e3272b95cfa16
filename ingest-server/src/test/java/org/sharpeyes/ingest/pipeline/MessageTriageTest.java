package org.sharpeyes.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.config.IngestConfig;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.testing.TestEvents;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.topic.Topics;

class MessageTriageTest {

  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private final EventCodec codec = new EventCodec();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MessageTriage triage =
      new MessageTriage(
          codec,
          IngestConfig.defaults().withMaxClockSkew(Duration.ofMinutes(5)),
          Clock.fixed(NOW, ZoneOffset.UTC),
          new IngestMetrics(registry));

  private static InboundMessage on(String topic, byte[] payload) {
    return new InboundMessage(topic, payload, 1, 1, 1, NOW);
  }

  private Verdict judge(String topic, EdgeEvent event) {
    return triage.judge(on(topic, codec.encode(event)));
  }

  @Test
  void validEventOnItsOwnTopicIsAccepted() {
    EdgeEvent event = TestEvents.vehicleSighted("e-1", "湘J12345", NOW.minusSeconds(3));

    Verdict verdict = judge(Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED), event);

    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    var row = ((Verdict.Accepted) verdict).row();
    assertThat(row.kind()).isEqualTo("vehicle.sighted");
    assertThat(row.plate()).isEqualTo("湘J12345");
    assertThat(row.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void eventPublishedUnderAnotherEdgesIdIsRejectedAsWrongTopic() {
    EdgeEvent event = TestEvents.vehicleSighted("e-1", "湘J12345", NOW);

    Verdict verdict = judge(Topics.events("edge-other", EventType.VEHICLE_SIGHTED), event);

    assertThat(verdict)
        .isEqualTo(
            new Verdict.Rejected(
                "wrong-topic",
                "wrong-topic: published on the topic of edge 'edge-other' but edgeid is"
                    + " 'edge-wuling-01'; an edge publishes only under its own id"));
  }

  @Test
  void eventPublishedUnderAnotherKindIsRejectedAsWrongTopic() {
    EdgeEvent event = TestEvents.vehicleSighted("e-1", "湘J12345", NOW);

    Verdict verdict = judge(Topics.events(TestEvents.EDGE, EventType.DOOR_STATE), event);

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo("wrong-topic");
    assertThat(((Verdict.Rejected) verdict).detail())
        .contains("published on events/door.state but type is sharpeyes.vehicle.sighted");
  }

  @Test
  void eventFurtherInTheFutureThanTheAllowedSkewIsRejected() {
    String topic = Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED);

    Verdict justInside =
        judge(topic, TestEvents.vehicleSighted("a", "湘JA0001", NOW.plusSeconds(300)));
    Verdict outside = judge(topic, TestEvents.vehicleSighted("b", "湘JA0001", NOW.plusSeconds(301)));

    assertThat(justInside).isInstanceOf(Verdict.Accepted.class);
    assertThat(outside).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) outside).reason()).isEqualTo("clock-skew");
    assertThat(((Verdict.Rejected) outside).detail()).contains("5m1s ahead", "(5m)", "NTP");
  }

  @Test
  void eventOlderThanMaxEventAgeIsRefusedUnlessItIsAlreadyStored() {
    String topic = Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED);
    Instant limit = NOW.minus(IngestConfig.DEFAULT_MAX_EVENT_AGE);

    Verdict justInside = judge(topic, TestEvents.vehicleSighted("a", "湘JA0001", limit));
    Verdict outside =
        judge(topic, TestEvents.vehicleSighted("b", "湘JA0001", limit.minusSeconds(1)));

    assertThat(justInside).isInstanceOf(Verdict.Accepted.class);
    assertThat(outside)
        .isInstanceOfSatisfying(
            Verdict.RejectedUnlessStored.class,
            r -> {
              assertThat(r.reason()).isEqualTo("too-old");
              assertThat(r.row().id()).isEqualTo("b");
              assertThat(r.detail()).contains("168h1s before the server clock", "(168h)");
            });
  }

  @Test
  void maxEventAgeOfZeroAcceptsEventsOfAnyAge() {
    MessageTriage anyAge =
        new MessageTriage(
            codec,
            IngestConfig.defaults().withMaxEventAge(Duration.ZERO),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new IngestMetrics(new SimpleMeterRegistry()));
    EdgeEvent yearOld = TestEvents.vehicleSighted("a", "湘JA0001", NOW.minus(Duration.ofDays(365)));

    Verdict verdict =
        anyAge.judge(
            on(Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED), codec.encode(yearOld)));

    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void undecodableEventCarriesTheCodecReasonAndProblems() {
    Verdict verdict =
        triage.judge(
            on(
                Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED),
                "{\"id\":".getBytes(StandardCharsets.UTF_8)));

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo("malformed-json");
  }

  @Test
  void messageOnATopicTheServerDoesNotReadIsRejectedAsWrongTopic() {
    Verdict verdict =
        triage.judge(on("sharpeyes/v1/edge/e1/events/teleport", new byte[] {'{', '}'}));

    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo("wrong-topic");
  }

  @Test
  void snapshotWithinTheLimitIsKeptAndOneBeyondItIsRejected() {
    String topic = Topics.snapshot(TestEvents.EDGE, "e-1");
    int limit = IngestConfig.defaults().maxSnapshotBytes();

    assertThat(triage.judge(on(topic, new byte[limit])))
        .isEqualTo(new Verdict.SnapshotImage(TestEvents.EDGE, "e-1"));
    assertThat(triage.judge(on(topic, new byte[limit + 1])))
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo("oversize"));
  }

  @Test
  void statusIsReadAndOneForAnotherEdgeIsRejected() {
    String topic = Topics.status(TestEvents.EDGE);
    String online =
        "{\"edgeId\":\"" + TestEvents.EDGE + "\",\"state\":\"online\",\"time\":\"" + NOW + "\"}";
    String foreign = online.replace(TestEvents.EDGE, "edge-x");

    assertThat(triage.judge(on(topic, online.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(Verdict.Status.class);
    assertThat(triage.judge(on(topic, foreign.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo("wrong-topic"));
    assertThat(triage.judge(on(topic, new byte[0]))).isInstanceOf(Verdict.Ignored.class);
    assertThat(triage.judge(on(topic, "{\"state\":\"asleep\"}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo("invalid-fields"));
  }

  @Test
  void anEventTopicSeenBeforeIsJudgedAsTheFirstTimeAndCountedEachTime() {
    String vehicles = Topics.events(TestEvents.EDGE, EventType.VEHICLE_SIGHTED);
    EdgeEvent first = TestEvents.vehicleSighted("e-1", "湘J12345", NOW);
    EdgeEvent second = TestEvents.vehicleSighted("e-2", "湘J12346", NOW);

    assertThat(judge(vehicles, first)).isInstanceOf(Verdict.Accepted.class);
    assertThat(judge(vehicles, second))
        .isInstanceOfSatisfying(
            Verdict.Accepted.class, a -> assertThat(a.event()).isEqualTo(second));
    assertThat(triage.rememberedTopics()).isEqualTo(1);
    assertThat(
            registry.get(IngestMetrics.RECEIVED).tag("type", "vehicle.sighted").counter().count())
        .isEqualTo(2);
  }

  @Test
  void anEventOnARememberedTopicOfAnotherEdgeIsStillRejectedAsWrongTopic() {
    String foreign = Topics.events("edge-other", EventType.VEHICLE_SIGHTED);
    judge(foreign, TestEvents.vehicleSighted("e-1", "湘J12345", NOW));

    Verdict again = judge(foreign, TestEvents.vehicleSighted("e-2", "湘J12345", NOW));

    assertThat(again)
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo("wrong-topic"));
  }

  @Test
  void onlyEventTopicsAreRemembered() {
    triage.judge(on(Topics.status(TestEvents.EDGE), new byte[0]));
    triage.judge(on(Topics.snapshot(TestEvents.EDGE, "e-1"), new byte[1]));
    triage.judge(on("sharpeyes/v1/edge/" + TestEvents.EDGE + "/events/drone.sighted", new byte[1]));
    triage.judge(on(null, new byte[1]));

    assertThat(triage.rememberedTopics()).isZero();
  }

  @Test
  void theRememberedEventTopicsAreBounded() {
    for (int i = 0; i <= MessageTriage.MAX_EVENT_TOPICS; i++) {
      Verdict verdict =
          triage.judge(on(Topics.events("edge-" + i, EventType.DOOR_STATE), new byte[0]));
      assertThat(verdict).isInstanceOf(Verdict.Rejected.class); // an empty message
    }

    assertThat(triage.rememberedTopics()).isBetween(1, MessageTriage.MAX_EVENT_TOPICS);
  }
}
