package org.sharpeyes.schema.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.types.Time;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of CloudEvents 1.0 structured JSON that {@code envelope.json} does not state, checked
 * on the tree the decoder already parsed. They are what the CloudEvents SDK refused when the
 * decoder still had it parse every message a second time (issue 14: that parse was a third of a
 * decode), so an event refused then is refused now, for the same reason ({@code invalid-fields}),
 * and each problem now names its attribute:
 *
 * <ul>
 *   <li>an attribute or extension name holds only {@code a-z} and {@code 0-9};
 *   <li>an extension that is a number is a 32-bit integer (so a {@code seq} sent as a JSON number
 *       must be one too; as a string it may be any 64-bit value);
 *   <li>{@code data_base64} never comes with {@code data};
 *   <li>{@code subject}, if not null, is a string;
 *   <li>{@code time} is one {@code OffsetDateTime} reads (RFC 3339 with a {@code T}; the schema's
 *       {@code date-time} format also lets a space through).
 * </ul>
 *
 * <p>Stateless; a few comparisons per attribute, no allocation on a valid event.
 */
final class CloudEventsRules {

  /** The context attributes of CloudEvents 1.0 and the two data members: not extensions. */
  private static final Set<String> NOT_EXTENSIONS =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time",
          "data",
          "data_base64");

  private CloudEventsRules() {}

  /** Adds a problem for each attribute of {@code root} that breaks a rule but {@code time}'s. */
  static void check(JsonNode root, List<Problem> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (NOT_EXTENSIONS.contains(name)) {
        continue;
      }
      if (!isAttributeName(name)) {
        problems.add(
            new Problem(
                name,
                "is not a valid attribute name: CloudEvents attribute and extension names hold"
                    + " only lower-case letters a-z and digits 0-9"));
      } else if (field.getValue().isNumber() && !field.getValue().isInt()) {
        problems.add(
            new Problem(
                name,
                "is the number "
                    + field.getValue()
                    + ", which a CloudEvents extension cannot hold: only integers from -2147483648"
                    + " to 2147483647 (send other numbers as strings)"));
      }
    }
    if (root.has("data_base64") && root.has("data")) {
      problems.add(
          new Problem(
              "data_base64",
              "cannot come with data: an event carries its data once (here, as JSON in data)"));
    }
    JsonNode subject = root.get("subject");
    if (subject != null && !subject.isNull() && !subject.isTextual()) {
      problems.add(
          new Problem(
              "subject",
              "must be a string, was " + subject.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * The instant of {@code root}'s {@code time}, read as the CloudEvents SDK reads it; null, with a
   * problem added, if it cannot be read. Null without a problem if {@code time} is missing or not a
   * string, or already has a problem (the schema reported it).
   */
  static Instant time(JsonNode root, List<Problem> problems) {
    JsonNode time = root.get("time");
    if (time == null || !time.isTextual() || hasProblemAt(problems, "time")) {
      return null;
    }
    try {
      return Time.parseTime(time.textValue()).toInstant();
    } catch (DateTimeException e) {
      problems.add(
          new Problem(
              "time",
              "cannot be read as an RFC 3339 date-time with a 'T' between date and time (e.g."
                  + " 2026-11-27T02:15:30Z): "
                  + e.getMessage()));
      return null;
    }
  }

  /** Only {@code a-z} and {@code 0-9} (the empty name too, as the SDK had it). */
  static boolean isAttributeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasProblemAt(List<Problem> problems, String path) {
    for (Problem p : problems) {
      if (p.path().equals(path)) {
        return true;
      }
    }
    return false;
  }
}
