package org.sharpeyes.ingest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.SnapshotRef;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.id.EventIds;

/**
 * The events the ingest stage benchmarks feed the server: {@code vehicle.sighted} reads from the
 * demo city's plate readers, one in ten of a hotlisted plate, the rest of the city's ordinary
 * plates, with every field the edge's plate adapter fills (about 630 bytes each, encoded as the
 * edge encodes them). Plates, readers and fields are the same for a given seed; ids are new.
 */
final class StageEvents {

  /** Events in one mix: one in ten hotlisted. */
  static final int MIX = 100;

  private final List<EdgeEvent> events = new ArrayList<>(MIX);
  private final List<byte[]> payloads = new ArrayList<>(MIX);
  private final List<String> hotlisted;
  private final List<String> ordinary;
  private final List<Device> readers;
  private final EventIds ids;

  StageEvents(ReferenceData reference, EventCodec codec, Instant time, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    this.ids = new EventIds(java.time.Clock.systemUTC(), random.split());
    this.readers =
        reference.devices().stream().filter(d -> d.kind().equals("plate-reader")).toList();
    this.hotlisted = column(DemoCity.DIR.resolve(ReferenceData.HOTLIST));
    this.ordinary = lines(DemoCity.DIR.resolve("plates-normal.txt"));
    for (int i = 0; i < MIX; i++) {
      String plate =
          i % 10 == 0
              ? hotlisted.get((i / 10) % hotlisted.size())
              : ordinary.get(random.nextInt(ordinary.size()));
      Device reader = readers.get(random.nextInt(readers.size()));
      EdgeEvent event = sighting(plate, reader, i + 1L, time, random);
      events.add(event);
      payloads.add(codec.encode(event));
    }
  }

  /** The {@code i}-th event of the mix (cycling). */
  EdgeEvent event(int i) {
    return events.get(Math.floorMod(i, MIX));
  }

  /** The encoded {@code i}-th event of the mix, as the edge publishes it. */
  byte[] payload(int i) {
    return payloads.get(Math.floorMod(i, MIX));
  }

  /** A fresh event id, as an edge makes them (UUID version 7). */
  String nextId() {
    return ids.next();
  }

  /** The mix's events in order; those at multiples of ten are hotlisted. */
  List<EdgeEvent> events() {
    return List.copyOf(events);
  }

  double meanPayloadBytes() {
    return payloads.stream().mapToInt(p -> p.length).average().orElse(0);
  }

  private EdgeEvent sighting(
      String plate, Device reader, long seq, Instant time, SplittableRandom random) {
    VehicleSighted data =
        new VehicleSighted(
            plate,
            plate,
            VehicleSighted.PlateColor.BLUE,
            "02",
            "car",
            List.of("white", "black", "silver", "red").get(random.nextInt(4)),
            "north",
            1 + random.nextInt(3),
            (300 + random.nextInt(500)) / 10.0,
            0.9 + random.nextInt(99) / 1000.0,
            new SnapshotRef(SnapshotRef.JPEG, 40_000 + random.nextInt(40_000)));
    return new EdgeEvent(ids.next(), reader.edgeId(), reader.id(), seq, time, data);
  }

  private static List<String> column(java.nio.file.Path csv) {
    return lines(csv).stream()
        .skip(1)
        .map(l -> l.substring(0, l.indexOf(',')))
        .filter(p -> !p.contains("?") && !p.contains("*")) // patterns are not plates a reader sends
        .toList();
  }

  private static List<String> lines(java.nio.file.Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
