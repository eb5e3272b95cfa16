package org.sharpeyes.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedeliveriesTest {

  private static final String TOPIC = "sharpeyes/v1/edge/edge-1/events/vehicle.sighted";
  private final Redeliveries redeliveries = new Redeliveries(3);

  private static InboundMessage message(String topic, String payload) {
    return new InboundMessage(
        topic, payload.getBytes(StandardCharsets.UTF_8), 7, 1, 1, Instant.EPOCH);
  }

  @Test
  void aByteIdenticalCopyOnTheSameTopicHasTheSameFingerprint() {
    var original = redeliveries.fingerprint(message(TOPIC, "{\"id\":\"e-1\"}"));
    var copy = redeliveries.fingerprint(message(TOPIC, "{\"id\":\"e-1\"}"));

    assertThat(copy).isEqualTo(original);
  }

  @Test
  void anotherByteOrAnotherTopicMakesAnotherFingerprint() {
    var original = redeliveries.fingerprint(message(TOPIC, "{\"id\":\"e-1\"}"));

    assertThat(redeliveries.fingerprint(message(TOPIC, "{\"id\":\"e-2\"}"))).isNotEqualTo(original);
    assertThat(
            redeliveries.fingerprint(
                message(TOPIC.replace("edge-1", "edge-2"), "{\"id\":\"e-1\"}")))
        .isNotEqualTo(original);
    // the topic and the payload do not run into each other
    assertThat(redeliveries.fingerprint(message("ab", "c")))
        .isNotEqualTo(redeliveries.fingerprint(message("a", "bc")));
  }

  @Test
  void aFingerprintDependsOnlyOnItsMessageNotOnTheCallsBefore() {
    var fresh = new Redeliveries(3).fingerprint(message(TOPIC, "{\"id\":\"e-1\"}"));
    redeliveries.fingerprint(message(TOPIC, "something else first"));
    assertThatThrownBy(
            () -> redeliveries.fingerprint(new InboundMessage(TOPIC, null, 1, 1, 1, Instant.EPOCH)))
        .isInstanceOf(NullPointerException.class);

    assertThat(redeliveries.fingerprint(message(TOPIC, "{\"id\":\"e-1\"}"))).isEqualTo(fresh);
  }

  @Test
  void aRememberedEventIsFoundByItsFingerprintUntilItIsTheOldestPastCapacity() {
    var first = redeliveries.fingerprint(message(TOPIC, "1"));
    redeliveries.remember(first, "vehicle.sighted");
    assertThat(redeliveries.storedKind(first)).isEqualTo("vehicle.sighted");

    for (String p : new String[] {"2", "3", "4"}) {
      redeliveries.remember(redeliveries.fingerprint(message(TOPIC, p)), "vehicle.sighted");
    }

    assertThat(redeliveries.size()).isEqualTo(3);
    assertThat(redeliveries.storedKind(first)).isNull();
    assertThat(redeliveries.storedKind(redeliveries.fingerprint(message(TOPIC, "4"))))
        .isEqualTo("vehicle.sighted");
  }
}
