package org.sharpeyes.ingest.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sharpeyes.schema.topic.Topics;

/**
 * The alert topic of an alert change: its region path as levels, as {@link Topics#alert} lays them
 * out. A path with a level no topic may hold is published as unplaced.
 */
public final class AlertTopics {

  private static final Pattern LEVEL = Pattern.compile("[0-9]{2,14}");

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
          codes.clear(); // not a region code: treat the alert as unplaced
          break;
        }
        codes.add(code);
      }
    }
    return Topics.alert(codes, kind.label());
  }
}
