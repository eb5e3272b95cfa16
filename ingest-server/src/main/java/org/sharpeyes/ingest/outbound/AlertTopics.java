package org.sharpeyes.ingest.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sharpeyes.schema.topic.Topics;

/**
 * The alert topics: {@code sharpeyes/v1/alerts/{city}/{county}/{township}/{village}/{kind}}, one
 * level per region code of the alert's region path, so that a subscriber to {@code
 * sharpeyes/v1/alerts/430700/430702/#} hears about the whole county. An alert whose device the
 * reference data does not place goes to {@code sharpeyes/v1/alerts/unplaced/{kind}}.
 */
public final class AlertTopics {

  /** The root of the alert topics. */
  public static final String ROOT = Topics.ROOT + "/alerts";

  /** The level used for alerts without a region. */
  public static final String UNPLACED = "unplaced";

  private static final Pattern LEVEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private AlertTopics() {}

  /** The topic of an alert of {@code regionPath} ({@code /430700/430702/…/}) and {@code kind}. */
  public static String topic(String regionPath, AlertEventKind kind) {
    List<String> codes = new ArrayList<>();
    if (regionPath != null) {
      for (String code : regionPath.split("/")) {
        if (code.isEmpty()) {
          continue;
        }
        if (!LEVEL.matcher(code).matches()) {
          codes.clear(); // not a topic level we can write: treat as unplaced
          break;
        }
        codes.add(code);
      }
    }
    String place = codes.isEmpty() ? UNPLACED : String.join("/", codes);
    return ROOT + "/" + place + "/" + kind.label();
  }
}
