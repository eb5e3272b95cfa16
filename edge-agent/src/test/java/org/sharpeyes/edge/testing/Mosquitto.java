package org.sharpeyes.edge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** The Mosquitto broker these tests expect at 127.0.0.1:1883, when it is there. */
public final class Mosquitto {

  public static final String URL = "tcp://127.0.0.1:1883";

  private Mosquitto() {}

  /** Skips the calling test when no broker listens at {@link #URL}. */
  public static void assumeReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
    } catch (IOException e) {
      Assumptions.abort("no MQTT broker at " + URL + ": " + e.getMessage());
    }
  }

  /** An edge id no other test run uses, so retained messages never mix. */
  public static String uniqueEdgeId() {
    return "test-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
