package org.sharpeyes.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reads of single values of a {@link ConfigTree}: texts, numbers, booleans, durations, sizes,
 * ports, URIs, choices, paths and names of environment variables, each checked against the grammar
 * of {@link Quantities} and the bounds given, with the bounds shown in the same grammar.
 *
 * <p>Conventions of every read: a missing key and an explicit {@code null} are the same and give
 * the {@code fallback}; a {@code fallback} of {@code null} means the key is required (missing is a
 * problem); a value that is there but wrong is a problem and reads as {@code null}; arguments come
 * in the order key, fallback, bounds.
 */
public abstract sealed class ConfigValues permits ConfigTree {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  ConfigValues() {}

  /** The value at a key of this mapping; {@code null} when missing or an explicit null. */
  abstract JsonNode value(String key);

  /** Records a problem at a key of this mapping. */
  public abstract void problem(String key, String message);

  public boolean has(String key) {
    return value(key) != null;
  }

  /** A single value as text; {@code null} when missing, or not a single non-blank value. */
  public String text(String key) {
    return text(key, null);
  }

  /** A single value as text that must be there: {@code missing — requiredHint} otherwise. */
  public String text(String key, String requiredHint) {
    JsonNode v = value(key);
    if (v == null) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return null;
    }
    return single(key, v);
  }

  /** A list of single values; empty when missing, {@code null} when not a list (a problem). */
  public List<String> texts(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      problem(key, "expected a list, e.g. [a, b], got " + describe(v));
      return null;
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      String item = single(key + "[" + i + "]", v.get(i));
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  /** A whole number in {@code min..max}. */
  public Integer integer(String key, Integer fallback, int min, int max) {
    Long n = whole(key, fallback == null ? null : fallback.longValue(), min, max);
    return n == null ? null : n.intValue();
  }

  /** A whole number in {@code min..max}, as a long. */
  public Long whole(String key, Long fallback, long min, long max) {
    JsonNode v = value(key);
    String range = min + ".." + max;
    if (v == null) {
      return missing(key, fallback, "expected a whole number " + range);
    }
    if (!v.isIntegralNumber()) {
      problem(key, "expected a whole number " + range + ", got " + describe(v));
      return null;
    }
    if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      problem(key, v.asText() + " is out of range — expected " + range);
      return null;
    }
    return v.asLong();
  }

  /** A number in {@code min..max}. */
  public Double decimal(String key, Double fallback, double min, double max) {
    JsonNode v = value(key);
    String range = plain(min) + ".." + plain(max);
    if (v == null) {
      return missing(key, fallback, "expected a number " + range);
    }
    if (!v.isNumber()) {
      problem(key, "expected a number " + range + ", got " + describe(v));
      return null;
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      problem(key, v.asText() + " is out of range — expected " + range);
      return null;
    }
    return d;
  }

  /** {@code true} or {@code false} (in any case). */
  public Boolean bool(String key, Boolean fallback) {
    JsonNode v = value(key);
    if (v == null) {
      return missing(key, fallback, "expected true or false");
    }
    String word = v.isBoolean() || v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : "";
    if (!word.equals("true") && !word.equals("false")) {
      problem(key, "expected true or false, got " + describe(v));
      return null;
    }
    return word.equals("true");
  }

  /** A duration ({@code 30s}; see {@link Quantities}) in {@code min..max}. */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    JsonNode v = value(key);
    String range = Quantities.format(min) + ".." + Quantities.format(max);
    if (v == null) {
      return missing(key, fallback, "expected a duration " + range);
    }
    Duration d;
    if (v.isNumber() && v.asDouble() == 0) {
      d = Duration.ZERO; // zero needs no unit
    } else if (v.isNumber()) {
      problem(key, v.asText() + " has no unit — write " + asSecondsOrMillis(v));
      return null;
    } else if (!v.isTextual()) {
      problem(key, "expected a duration like 30s, got " + describe(v));
      return null;
    } else {
      try {
        d = Quantities.parseDuration(v.asText());
      } catch (IllegalArgumentException e) {
        problem(key, e.getMessage());
        return null;
      }
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      problem(key, v.asText() + " is out of range — expected " + range);
      return null;
    }
    return d;
  }

  /** A size in bytes ({@code 2MiB}; see {@link Quantities}) in {@code min..max}. */
  public Long size(String key, Long fallback, long min, long max) {
    JsonNode v = value(key);
    String range = Quantities.formatSize(min) + ".." + Quantities.formatSize(max);
    if (v == null) {
      return missing(key, fallback, "expected a size " + range);
    }
    long bytes;
    if (v.isIntegralNumber()) {
      bytes = v.canConvertToLong() ? v.asLong() : Long.MAX_VALUE;
    } else if (v.isTextual()) {
      try {
        bytes = Quantities.parseSize(v.asText());
      } catch (IllegalArgumentException e) {
        problem(key, e.getMessage());
        return null;
      }
    } else {
      problem(key, "expected a size like 2MiB, got " + describe(v));
      return null;
    }
    if (bytes < min || bytes > max) {
      problem(key, v.asText() + " is out of range — expected " + range);
      return null;
    }
    return bytes;
  }

  /** A port to listen on, {@code 0..65535}; {@code 0} means any free port. */
  public Integer port(String key, Integer fallback) {
    return integer(key, fallback, 0, 65_535);
  }

  /**
   * A URI with one of {@code schemes} (lower case) and a host; {@code null} when missing.
   *
   * @param fix what to write instead, ending each message: {@code e.g. tcp://127.0.0.1:1883}
   */
  public URI uri(String key, String fix, Collection<String> schemes) {
    String text = text(key);
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      problem(key, "'" + text + "' is not a valid URI — " + fix);
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!schemes.contains(scheme)) {
      List<String> starts = schemes.stream().map(s -> s + "://").toList();
      problem(key, "'" + text + "' must start with " + String.join(" or ", starts) + " — " + fix);
      return null;
    }
    if (uri.getHost() == null) {
      problem(key, "'" + text + "' has no host — " + fix);
      return null;
    }
    if (uri.getPort() > 65_535) {
      problem(key, "port " + uri.getPort() + " is out of range — expected 1..65535");
      return null;
    }
    return uri;
  }

  /** One of the words of {@code options} (as written, in their order in messages). */
  public <T> T choice(String key, Map<String, T> options, T fallback) {
    String word = text(key);
    if (word == null) {
      return has(key)
          ? null
          : missing(key, fallback, "expected one of: " + String.join(", ", options.keySet()));
    }
    T value = options.get(word);
    if (value == null) {
      problem(key, "'" + word + "' is not known — " + KeySuggestion.hint(word, options.keySet()));
    }
    return value;
  }

  /**
   * A file or directory path; {@code ~/} at its start is the user's home.
   *
   * @param base what a relative path is resolved against ({@link #baseDir()}, the config file's
   *     directory, for files that belong to the config); {@code null} keeps it as written, relative
   *     to the working directory (for data)
   */
  public Path path(String key, Path base, Path fallback) {
    JsonNode v = value(key);
    if (v == null) {
      return fallback;
    }
    String text = single(key, v);
    if (text == null) {
      return null;
    }
    String expanded = text;
    if (text.equals("~") || text.startsWith("~/")) {
      expanded = System.getProperty("user.home") + text.substring(1);
    }
    try {
      Path p = Path.of(expanded);
      return base == null ? p : base.resolve(p).normalize();
    } catch (InvalidPathException e) {
      problem(key, "'" + text + "' is not a usable path: " + e.getReason());
      return null;
    }
  }

  /** The NAME of an environment variable (that holds a secret); {@code null} when missing. */
  public String envName(String key) {
    String name = text(key);
    if (name != null && !ENV_NAME.matcher(name).matches()) {
      problem(
          key,
          "'"
              + name
              + "' is not an environment variable name — write the NAME of the variable that"
              + " holds the secret (e.g. SHARPEYES_MQTT_PASSWORD), never the secret itself");
      return null;
    }
    return name;
  }

  /** How a value is named in messages: {@code text 'x'}, {@code 42}, {@code a list}. */
  public static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "text '" + v.asText() + "'";
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isObject()) {
      return "a mapping";
    }
    return v.isArray() ? "a list" : v.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  String single(String key, JsonNode v) {
    if (v.isContainerNode() || v.isNull()) {
      problem(key, "expected a single value, got " + describe(v));
      return null;
    }
    if (v.asText().isBlank()) {
      problem(key, "is empty — write a value, or leave the key out");
      return null;
    }
    return v.asText();
  }

  private <T> T missing(String key, T fallback, String expected) {
    if (fallback == null) {
      problem(key, "missing — " + expected);
    }
    return fallback;
  }

  /** {@code 30s or 30000ms} for a bare 30. */
  private static String asSecondsOrMillis(JsonNode number) {
    try {
      BigDecimal ms = number.decimalValue().movePointRight(3).stripTrailingZeros();
      return number.asText() + "s or " + ms.toPlainString() + "ms";
    } catch (NumberFormatException e) {
      return "a number and a unit, e.g. 30s or 30000ms"; // not finite
    }
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
