package org.sharpeyes.edge.http;

import java.util.regex.Pattern;
import org.sharpeyes.config.ConfigTree;

/**
 * The {@code host} key of a section that listens (the status endpoints, a plate reader's push
 * listener): an IP address or a host name, read the same way for every listener.
 */
public final class ListenHost {

  static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%]{1,253}");

  private ListenHost() {}

  /**
   * The section's {@code host}; {@code fallback} when the key is left out, or after a problem about
   * a value that is not a host (reported); {@code null} when the value is not text (reported).
   */
  public static String read(ConfigTree section, String fallback) {
    String host = section.text("host");
    if (host == null) {
      return section.has("host") ? null : fallback;
    }
    if (!HOST.matcher(host).matches()) {
      section.problem("host", "'" + host + "' is not an IP address or host name — e.g. 0.0.0.0");
      return fallback;
    }
    return host;
  }
}
