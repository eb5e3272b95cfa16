package org.sharpeyes.sims.cli;

import java.net.URI;
import java.util.Locale;

/**
 * Keeps simulated traffic on this machine: load aimed at a shared system by mistake is a real
 * incident, so other hosts need an explicit {@code --allow-remote}. Names are not resolved; only
 * {@code localhost} and loopback literals (127.0.0.0/8, ::1) count as local.
 */
final class LoopbackTargets {

  private LoopbackTargets() {}

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * @param what the option the URL came from, for the message
   * @throws IllegalArgumentException naming the host and the way out
   */
  static void require(URI uri, String what, boolean allowRemote) {
    if (!allowRemote && !isLoopback(uri)) {
      throw new IllegalArgumentException(
          what
              + " "
              + uri
              + " is not on this machine: device-sims only talks to 127.0.0.1/localhost"
              + " unless you pass --allow-remote");
    }
  }
}
