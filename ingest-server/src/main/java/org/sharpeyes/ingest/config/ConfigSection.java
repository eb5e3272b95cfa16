package org.sharpeyes.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a YAML config file, read key by key. Every read either returns the value or
 * records a {@link ConfigError} (with the full path and a fix) and returns the default, so that one
 * pass over the file collects every error. Keys that are not expected are reported on construction,
 * with the closest known key as a suggestion. Not thread-safe; used during loading only.
 */
final class ConfigSection {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
  private static final long MAX_MILLIS_SECONDS = Long.MAX_VALUE / 1000 - 1;

  private final JsonNode node;
  private final String path;
  private final List<ConfigError> errors;

  private ConfigSection(JsonNode node, String path, List<ConfigError> errors, Set<String> keys) {
    this.node = node;
    this.path = path;
    this.errors = errors;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!keys.contains(name)) {
        errors.add(new ConfigError(pathOf(name), "unknown key", KeySuggestion.fixFor(name, keys)));
      }
    }
  }

  /** The top-level mapping of a file; {@code root} must be an object node. */
  static ConfigSection root(JsonNode root, List<ConfigError> errors, Set<String> keys) {
    return new ConfigSection(root, "", errors, keys);
  }

  /** The mapping under {@code key}; empty when absent (all defaults apply). */
  ConfigSection section(String key, Set<String> keys) {
    JsonNode child = value(key);
    if (child == null) {
      return new ConfigSection(MissingNode.getInstance(), pathOf(key), errors, keys);
    }
    if (!child.isObject()) {
      error(key, "expected a mapping of keys, got " + describe(child), "known keys: " + keys);
      return new ConfigSection(MissingNode.getInstance(), pathOf(key), errors, keys);
    }
    return new ConfigSection(child, pathOf(key), errors, keys);
  }

  boolean has(String key) {
    return value(key) != null;
  }

  String string(String key, String defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isValueNode() || v.isBoolean() || v.asText().isBlank()) {
      error(key, "expected a text value, got " + describe(v), "");
      return defaultValue;
    }
    return v.asText();
  }

  /** A list of text values; empty when absent. Each bad item is an error with its index. */
  List<String> strings(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      error(key, "expected a list, got " + describe(v), "write e.g. [a, b]");
      return List.of();
    }
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (!item.isValueNode() || item.isBoolean() || item.asText().isBlank()) {
        error(key + "[" + i + "]", "expected a text value, got " + describe(item), "");
      } else {
        out.add(item.asText());
      }
    }
    return out;
  }

  /** A file system path; the default after an error (e.g. a NUL character in the text). */
  Path path(String key, Path defaultValue) {
    String text = string(key, null);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      error(key, "'" + text + "' is not a usable path: " + e.getReason(), "write a plain path");
      return defaultValue;
    }
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      error(key, "expected true or false, got " + describe(v), "");
      return defaultValue;
    }
    return v.booleanValue();
  }

  int integer(String key, int defaultValue, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      error(key, "expected a whole number, got " + describe(v), "use a number " + range(min, max));
      return defaultValue;
    }
    return inRange(key, v.intValue(), min, max) ? v.intValue() : defaultValue;
  }

  double decimal(String key, double defaultValue, double min, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      error(key, "expected a number, got " + describe(v), "use a number " + min + ".." + max);
      return defaultValue;
    }
    double d = v.doubleValue();
    if (!(d >= min && d <= max)) {
      error(key, "is " + d, "use a number " + min + ".." + max);
      return defaultValue;
    }
    return d;
  }

  /** A byte count: a whole number, or a number with B, KiB, MiB or GiB. */
  long bytes(String key, long defaultValue, long min, long max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    long parsed;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      parsed = v.longValue();
    } else {
      Matcher m = SIZE.matcher(v.isTextual() ? v.asText().trim() : "");
      if (!m.matches()) {
        error(key, "expected a size, got " + describe(v), "write e.g. 65536 or 64KiB or 1MiB");
        return defaultValue;
      }
      int shift =
          switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
          };
      parsed = shifted(m.group(1), shift);
      if (parsed < 0) {
        error(key, "is " + m.group() + ", too large", "use a size " + range(min, max) + " bytes");
        return defaultValue;
      }
    }
    if (parsed < min || parsed > max) {
      error(key, "is " + parsed + " bytes", "use a size " + range(min, max) + " bytes");
      return defaultValue;
    }
    return parsed;
  }

  /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601. */
  Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    Duration parsed = parseDuration(v);
    if (parsed == null) {
      error(key, "expected a duration, got " + describe(v), "write e.g. 500ms, 30s, 5m or 2h");
      return defaultValue;
    }
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      error(key, "is " + human(parsed), "use a duration from " + human(min) + " to " + human(max));
      return defaultValue;
    }
    return parsed;
  }

  /** The name of an environment variable (not its value). */
  String envName(String key) {
    String name = string(key, null);
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      error(key, "'" + name + "' is not an environment variable name", "use e.g. MQTT_PASSWORD");
      return null;
    }
    return name;
  }

  void error(String key, String problem, String fix) {
    errors.add(new ConfigError(pathOf(key), problem, fix));
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private JsonNode value(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  private boolean inRange(String key, long value, long min, long max) {
    if (value < min || value > max) {
      error(key, "is " + value, "use a number " + range(min, max));
      return false;
    }
    return true;
  }

  private static Duration parseDuration(JsonNode v) {
    if (v.isIntegralNumber() && v.asLong() == 0) {
      return Duration.ZERO;
    }
    if (!v.isTextual()) {
      return null;
    }
    String text = v.asText().trim();
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } catch (NumberFormatException | ArithmeticException e) {
        return FOREVER; // more digits than any duration holds: out of every range
      }
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code digits << shift}, or -1 when it does not fit in a long. */
  private static long shifted(String digits, int shift) {
    try {
      long n = Long.parseLong(digits);
      return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long s = d.toSeconds();
    // Past ±292 million years toMillis() overflows; such a value has no milliseconds to show.
    boolean millisFit = s > -MAX_MILLIS_SECONDS && s < MAX_MILLIS_SECONDS;
    if (millisFit && d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  private static String range(long min, long max) {
    return "from " + min + " to " + max;
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return "'" + v.asText() + "'";
  }
}
