package org.sharpeyes.sims.camera.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sharpeyes.sims.camera.Walker;

/**
 * The {@code face.matched} events a scenario should make an edge report: one per watchlisted walker
 * and pass of the scene, for the window in which the walker is in view. An edge needs a few frames
 * to confirm a face, so it reports somewhat after {@code from}; a match of that person outside the
 * window (plus the edge's latency) is a false one.
 */
public final class ExpectedMatches {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpectedMatches() {}

  /**
   * Every window that opens within the first {@code duration} of the stream, the last one cut at
   * {@code duration}; for a file, whose time starts whenever it is played.
   */
  public static List<ExpectedMatch> within(Scenario scenario, Duration duration) {
    return windows(scenario, duration, null);
  }

  /**
   * The windows of the first pass of a stream whose first frame was played at {@code startedAt};
   * the scene repeats them every loop.
   */
  public static List<ExpectedMatch> firstLoop(Scenario scenario, Instant startedAt) {
    return windows(scenario, scenario.loop(), startedAt);
  }

  private static List<ExpectedMatch> windows(
      Scenario scenario, Duration duration, Instant startedAt) {
    List<ExpectedMatch> matches = new ArrayList<>();
    long end = duration.toNanos();
    long loop = scenario.loop().toNanos();
    for (int pass = 0; (long) pass * loop < end; pass++) {
      long offset = pass * loop;
      for (Walker w : scenario.walkers()) {
        long from = offset + w.enter().toNanos();
        long to = Math.min(end, offset + w.leave().toNanos());
        if (w.watchlisted() && from < end) {
          matches.add(
              new ExpectedMatch(
                  w.label(),
                  pass,
                  from / 1e9,
                  to / 1e9,
                  startedAt == null ? null : startedAt.plusNanos(from),
                  startedAt == null ? null : startedAt.plusNanos(to)));
        }
      }
    }
    matches.sort(Comparator.comparingDouble(ExpectedMatch::fromSeconds));
    return matches;
  }

  /**
   * Writes the matches as JSON lines, e.g. {@code {"type":"face.matched","personId":"KP0001",
   * "loop":0,"fromSeconds":0.0,"toSeconds":12.0,"from":"2026-…Z","to":"2026-…Z"}}; {@code
   * from}/{@code to} only when known.
   */
  public static void write(List<ExpectedMatch> matches, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ExpectedMatch m : matches) {
        out.write(line(m));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the expected events to " + file, e);
    }
  }

  static String line(ExpectedMatch m) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", "face.matched");
    node.put("personId", m.personId());
    node.put("loop", m.loop());
    node.put("fromSeconds", m.fromSeconds());
    node.put("toSeconds", m.toSeconds());
    if (m.from() != null) {
      node.put("from", m.from().truncatedTo(ChronoUnit.MILLIS).toString());
      node.put("to", m.to().truncatedTo(ChronoUnit.MILLIS).toString());
    }
    return node.toString();
  }
}
