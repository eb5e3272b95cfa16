package org.sharpeyes.it.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The chaos test's own Mosquitto, as a child process on a loopback port, with persistence on so
 * that queued messages and the ingest-server's session outlive a {@code kill -9}.
 *
 * <p>Mosquitto keeps its state in memory and writes the whole of it to {@code mosquitto.db} from
 * time to time; it acknowledges a QoS 1 publish (PUBACK) when the message is in memory, not when it
 * is on disk. {@code autosave_on_changes true} with {@code autosave_interval 1} is the strongest
 * setting it has: a save after every loop in which anything changed. A {@code kill -9} can still
 * land between a PUBACK and the save that follows it.
 */
final class MosquittoChild extends ChildService {

  static final String EXECUTABLE = "/usr/sbin/mosquitto";

  /**
   * Bound of the queue Mosquitto keeps per client above the messages in flight. Its default (1000)
   * silently drops QoS 1 messages for a persistent session past that, e.g. while the ingest-server
   * is down for a few seconds at a few hundred events a second.
   */
  static final int MAX_QUEUED_MESSAGES = 1_000_000;

  /** Messages sent to one subscriber and not yet acknowledged (Mosquitto's default is 20). */
  static final int MAX_INFLIGHT_MESSAGES = 100;

  private final int port;

  private MosquittoChild(ChildProcess process, int port) {
    super(process, Duration.ofSeconds(20));
    this.port = port;
  }

  /**
   * @param dataDir holds the config and the persistence file; reused by every restart
   */
  static MosquittoChild create(Path dataDir, Path logDir, int port) throws IOException {
    return create(dataDir, logDir, port, true);
  }

  /**
   * @param saveEveryChange save the state after every change (the chaos test), or only every 30 s
   *     (fast, as a throughput figure wants it)
   */
  static MosquittoChild create(Path dataDir, Path logDir, int port, boolean saveEveryChange)
      throws IOException {
    Files.createDirectories(dataDir);
    Path conf = dataDir.resolve("mosquitto.conf");
    Files.writeString(conf, config(dataDir, port, saveEveryChange));
    ChildProcess process =
        new ChildProcess(
            "mosquitto",
            List.of(EXECUTABLE, "-c", conf.toString()),
            Map.of(),
            logDir.resolve("mosquitto.log"));
    return new MosquittoChild(process, port);
  }

  static boolean installed() {
    return Files.isExecutable(Path.of(EXECUTABLE));
  }

  private static String config(Path dataDir, int port, boolean saveEveryChange) {
    return String.join(
        "\n",
        "# Written by the chaos test (integration-tests, ChaosIT).",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "# We run as root; without this Mosquitto drops to user mosquitto and cannot write here.",
        "user root",
        "persistence true",
        "persistence_location " + dataDir.toAbsolutePath() + "/",
        "autosave_on_changes " + saveEveryChange,
        "autosave_interval " + (saveEveryChange ? 1 : 30),
        "max_queued_messages " + MAX_QUEUED_MESSAGES,
        "max_inflight_messages " + MAX_INFLIGHT_MESSAGES,
        "log_dest stdout",
        "log_type error",
        "log_type warning",
        "log_type notice",
        "log_timestamp_format %Y-%m-%dT%H:%M:%S",
        "");
  }

  URI url() {
    return URI.create("tcp://127.0.0.1:" + port);
  }

  @Override
  boolean ready() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
