package org.sharpeyes.sims.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.topic.TopicAddress;
import org.sharpeyes.schema.topic.Topics;
import org.sharpeyes.sims.plate.HotPlate;
import org.sharpeyes.sims.plate.PlateListFiles;
import org.sharpeyes.sims.plate.PlatePool;

class BacklogEventsTest {

  private static final Path DEMO_CITY = Path.of("..", "config", "demo-city");
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final int COUNT = 5_000;

  private final EventCodec codec = new EventCodec();
  private final List<BacklogDevice> devices =
      BacklogDevice.readCsv(DEMO_CITY.resolve("devices.csv"));
  private final List<HotPlate> hotlist =
      PlateListFiles.readHotlist(DEMO_CITY.resolve("plate-hotlist.csv"), NOW);
  private final PlatePool pool =
      PlatePool.of(PlateListFiles.readPlates(DEMO_CITY.resolve("plates-normal.txt")), hotlist);

  private BacklogEvents backlog(long seed) {
    return new BacklogEvents(devices, pool, 0.1, 0.01, new SplittableRandom(seed), CLOCK, codec);
  }

  @Test
  void everyGeneratedEventDecodesAsValidOnTheTopicOfItsEdgeAndKind() {
    BacklogEvents backlog = backlog(1);
    Set<String> ids = new HashSet<>();
    Set<String> knownDevices = new HashSet<>();
    devices.forEach(d -> knownDevices.add(d.deviceId()));
    for (int i = 0; i < COUNT; i++) {
      BacklogMessage m = backlog.next();
      DecodeResult result = codec.decode(m.payload());
      assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
      EdgeEvent event = ((DecodeResult.Decoded) result).event();
      assertThat(Topics.parse(m.topic()))
          .contains(new TopicAddress.Events(event.edgeId(), event.type()));
      assertThat(event.edgeId()).isEqualTo(m.edgeId());
      assertThat(event.seq()).isEqualTo(m.seq());
      assertThat(event.deviceId()).isIn(knownDevices);
      assertThat(event.time()).isEqualTo(NOW);
      assertThat(ids.add(event.id())).as("event ids are unique").isTrue();
      if (event.data() instanceof VehicleSighted v) {
        assertThat(PlateNumber.isValid(v.plateNumber())).isTrue();
      }
    }
  }

  @Test
  void eachEdgeNumbersItsEventsOneByOneFromOne() {
    BacklogEvents backlog = backlog(2);
    Map<String, List<Long>> seqs = new HashMap<>();
    for (int i = 0; i < COUNT; i++) {
      BacklogMessage m = backlog.next();
      seqs.computeIfAbsent(m.edgeId(), e -> new ArrayList<>()).add(m.seq());
    }
    assertThat(seqs).containsOnlyKeys("edge-wuling-01", "edge-dingcheng-01", "edge-taoyuan-01");
    seqs.forEach(
        (edge, list) -> {
          for (int i = 0; i < list.size(); i++) {
            assertThat(list.get(i)).as(edge + " event " + (i + 1)).isEqualTo(i + 1L);
          }
        });
  }

  @Test
  void mostEventsArePlateReadsAndAboutOneInTenIsAHotlistedPlate() {
    BacklogEvents backlog = backlog(3);
    Set<String> hotPlates = new HashSet<>();
    hotlist.forEach(h -> hotPlates.add(h.plate()));
    int sightings = 0;
    int hot = 0;
    for (int i = 0; i < COUNT; i++) {
      BacklogMessage m = backlog.next();
      EdgeEvent event = ((DecodeResult.Decoded) codec.decode(m.payload())).event();
      if (event.type() == EventType.VEHICLE_SIGHTED) {
        sightings++;
        boolean listed = hotPlates.contains(((VehicleSighted) event.data()).plateNumber());
        assertThat(listed).isEqualTo(m.hot());
        hot += listed ? 1 : 0;
      }
    }
    assertThat(sightings).isBetween((int) (COUNT * 0.97), COUNT);
    assertThat(hot).isBetween((int) (sightings * 0.08), (int) (sightings * 0.12));
  }

  @Test
  void theSameSeedDrawsTheSamePlates() {
    BacklogEvents a = backlog(4);
    BacklogEvents b = backlog(4);
    for (int i = 0; i < 100; i++) {
      assertThat(a.next().payload()).isEqualTo(b.next().payload());
    }
  }

  @Test
  void referenceDataWithoutPlateReadersIsRefusedWithTheReason() {
    List<BacklogDevice> gatesOnly = devices.stream().filter(d -> !d.readsPlates()).toList();
    assertThatThrownBy(
            () -> new BacklogEvents(gatesOnly, pool, 0.1, 0, new SplittableRandom(5), CLOCK, codec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plate-reader");
  }

  @Test
  void aDevicesFileWithABadIdIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("devices.csv");
    Files.writeString(
        file,
        "id,kind,edgeId\n43070200001320000101,plate-reader,edge-a\n4307020000132,plate-reader,edge-a\n");
    assertThatThrownBy(() -> BacklogDevice.readCsv(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("devices.csv:3");
  }
}
