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
 * is on disk. With {@code autosave_on_changes true} it saves once {@link #SAVE_EVERY_CHANGES}
 * messages have been queued (or subscriptions or retained messages changed) since the last save, so
 * a {@code kill -9} loses at most that many queued messages less one, plus what it took in its last
 * loop.
 *
 * <p>Why not after every change ({@code autosave_interval 1}, the strongest setting, used until
 * finding 10 of docs/reliability.md): each save rewrites the whole database (one write per message
 * held, then an fsync) inside Mosquitto's single-threaded loop, and the loop reads one MQTT packet
 * per connection per turn. With a few thousand messages held for a restarting ingest-server, a turn
 * took longer than 5 ms, so the server's PUBACKs (all on its one connection) were read at under
 * 200/s, less than the edges published: the held set grew, each save grew with it, and the server
 * never caught up. Saving every few changes divides that cost by as many.
 */
final class MosquittoChild extends ChildService {

  static final String EXECUTABLE = "/usr/sbin/mosquitto";

  /**
   * Bound of the queue Mosquitto keeps per client above the messages in flight. Its default (1000)
   * silently drops QoS 1 messages for a persistent session past that, e.g. while the ingest-server
   * is down for a few seconds at a few hundred events a second.
   */
  static final int MAX_QUEUED_MESSAGES = 1_000_000;

  /**
   * Changes (messages queued, subscriptions, retained messages) after which Mosquitto saves its
   * state. A {@code kill -9} loses at most this many less one queued messages; see the class doc.
   */
  static final int SAVE_EVERY_CHANGES = 10;

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
   * @param saveOnChanges save the state after every {@link #SAVE_EVERY_CHANGES} changes (the chaos
   *     test), or only every 30 s (fast, as a throughput figure wants it)
   */
  static MosquittoChild create(Path dataDir, Path logDir, int port, boolean saveOnChanges)
      throws IOException {
    Files.createDirectories(dataDir);
    Path conf = dataDir.resolve("mosquitto.conf");
    Files.writeString(conf, config(dataDir, port, saveOnChanges));
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

  private static String config(Path dataDir, int port, boolean saveOnChanges) {
    return String.join(
        "\n",
        "# Written by the chaos test (integration-tests, ChaosIT).",
        "listener " + port + " 127.0.0.1",
        "allow_anonymous true",
        "# We run as root; without this Mosquitto drops to user mosquitto and cannot write here.",
        "user root",
        "persistence true",
        "persistence_location " + dataDir.toAbsolutePath() + "/",
        "autosave_on_changes " + saveOnChanges,
        "autosave_interval " + (saveOnChanges ? SAVE_EVERY_CHANGES : 30),
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
