package org.sharpeyes.schema.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

  @Test
  void idsAreVersion7AndCarryTheClockTime() {
    Instant now = Instant.parse("2026-11-27T02:15:30.123Z");
    EventIds ids = new EventIds(Clock.fixed(now, ZoneOffset.UTC), new Random(1));

    String id = ids.next();

    assertThat(UUID.fromString(id).version()).isEqualTo(7);
    assertThat(UUID.fromString(id).variant()).isEqualTo(2);
    assertThat(EventIds.timestampMillis(id)).isEqualTo(now.toEpochMilli());
  }

  @Test
  void idsFromLaterMillisecondsSortAfterEarlierOnes() {
    var later =
        new EventIds(Clock.fixed(Instant.ofEpochMilli(2_000), ZoneOffset.UTC), new Random(2));
    var earlier =
        new EventIds(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC), new Random(3));
    assertThat(later.next()).isGreaterThan(earlier.next());
  }

  @Test
  void idsDoNotRepeat() {
    EventIds ids = EventIds.system();
    var seen = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(ids.next())).isTrue();
    }
  }

  @Test
  void gbDeviceIdExposesItsParts() {
    GbDeviceId id = new GbDeviceId("43070200001320000101");
    assertThat(id.centreCode()).isEqualTo("43070200");
    assertThat(id.typeCode()).isEqualTo(GbDeviceId.TYPE_IPC);
    assertThat(GbDeviceId.isValid("4307020000114000000")).isFalse();
    assertThat(GbDeviceId.parse("4307020000114000000A")).isEmpty();
    assertThatThrownBy(() -> new GbDeviceId("123")).hasMessageContaining("20 digits");
  }
}
