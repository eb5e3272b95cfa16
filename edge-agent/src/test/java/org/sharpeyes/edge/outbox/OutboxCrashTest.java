package org.sharpeyes.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.sharpeyes.edge.outbox.OutboxFixture.takeAll;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that is writing to an outbox ({@code kill -9}, no shutdown hook runs) and checks
 * that every event it had acknowledged is in the file afterwards, in order, numbered without gaps.
 */
class OutboxCrashTest {

  private static final Logger log = LoggerFactory.getLogger(OutboxCrashTest.class);

  static final int OFFERED = 200_000;
  static final int ACKED_BEFORE_KILL = 3_000;

  @Test
  void everyEventAcknowledgedBeforeAKill9IsInTheFileAfterwardsInOrderWithoutGaps(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("crash-outbox.db");
    Path stderr = dir.resolve("child-stderr.txt");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                OutboxCrashWriter.class.getName(),
                file.toString(),
                Integer.toString(OFFERED))
            .redirectError(stderr.toFile())
            .start();
    Map<String, Long> acknowledged = new LinkedHashMap<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            String line;
            while (acknowledged.size() < ACKED_BEFORE_KILL && (line = lines.readLine()) != null) {
              if (line.startsWith("ACK ")) {
                String[] parts = line.split(" ");
                acknowledged.put(parts[2], Long.parseLong(parts[1]));
              }
            }
          },
          () -> "the child acknowledged too little; its stderr: " + read(stderr));
      child.destroyForcibly();
      assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);
    } finally {
      child.destroyForcibly();
    }
    assertThat(acknowledged).as(() -> read(stderr)).hasSize(ACKED_BEFORE_KILL);

    try (OutboxFixture fixture = new OutboxFixture(dir, Clock.systemUTC())) {
      DiskOutbox reopened = fixture.open(OutboxConfig.at(file));
      List<OutboxEntry> stored = takeAll(reopened);

      Map<String, Long> storedSeqs = new LinkedHashMap<>();
      stored.forEach(e -> storedSeqs.put(e.eventId(), e.seq()));
      assertThat(storedSeqs).containsAllEntriesOf(acknowledged);
      assertThat(stored)
          .extracting(OutboxEntry::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, stored.size()).boxed().toList());
      assertThat(stored.stream().filter(e -> e.seq() % 10 == 1).allMatch(OutboxEntry::hasSnapshot))
          .as("snapshots survive too")
          .isTrue();
      log.info(
          "kill -9 after {} acknowledged events: {} events in the file (seq 1..{}), every"
              + " acknowledged one among them; {} more were written but not yet acknowledged",
          acknowledged.size(),
          stored.size(),
          stored.size(),
          stored.size() - acknowledged.size());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return "(no stderr: " + e + ")";
    }
  }
}
