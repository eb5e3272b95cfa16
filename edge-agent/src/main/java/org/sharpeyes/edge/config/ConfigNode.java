package org.sharpeyes.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One mapping of the YAML tree with its path, read key by key. Every read that fails adds a {@link
 * ConfigProblem} to the shared list and returns {@code null} (or the fallback), so a whole file is
 * read in one pass and every problem is reported at once. Missing and explicit {@code null} values
 * are the same thing.
 */
final class ConfigNode {

  private final JsonNode node;
  private final String path;
  private final List<ConfigProblem> problems;

  private ConfigNode(JsonNode node, String path, List<ConfigProblem> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  static ConfigNode root(JsonNode node, List<ConfigProblem> problems) {
    return new ConfigNode(node, "", problems);
  }

  String path() {
    return path.isEmpty() ? "$" : path;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  int problemCount() {
    return problems.size();
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(pathOf(key), message));
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** Reports every key that is not in {@code known}, with the nearest known key as a hint. */
  void allowKeys(Collection<String> known) {
    allowKeys(known, Map.of());
  }

  /**
   * Like {@link #allowKeys(Collection)}, and names the replacement of each key that a former
   * version knew ({@code retired}: old key → what to write instead).
   */
  void allowKeys(Collection<String> known, Map<String, String> retired) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (retired.containsKey(key)) {
        problem(key, "no longer supported — " + retired.get(key));
      } else if (!known.contains(key)) {
        String hint =
            NearestKey.to(key, known)
                .map(k -> "did you mean '" + k + "'?")
                .orElse("expected one of: " + String.join(", ", known));
        problem(key, "unknown key — " + hint);
      }
    }
  }

  /** A nested mapping, or {@code null} when missing (a problem only if {@code requiredHint}). */
  ConfigNode section(String key, String requiredHint) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return null;
    }
    if (!v.isObject()) {
      problem(key, "expected a mapping (indented key: value lines), got " + describe(v));
      return null;
    }
    return new ConfigNode(v, pathOf(key), problems);
  }

  /** The mappings of a list, each with its indexed path; empty when missing or not a list. */
  List<ConfigNode> sequence(String key, String requiredHint) {
    JsonNode v = node.get(key);
    List<ConfigNode> items = new ArrayList<>();
    if (v == null || v.isNull()) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return items;
    }
    if (!v.isArray()) {
      problem(key, "expected a list (lines starting with '- '), got " + describe(v));
      return items;
    }
    for (int i = 0; i < v.size(); i++) {
      String itemPath = pathOf(key) + "[" + i + "]";
      JsonNode item = v.get(i);
      if (item.isObject()) {
        items.add(new ConfigNode(item, itemPath, problems));
      } else {
        problems.add(new ConfigProblem(itemPath, "expected a mapping, got " + describe(item)));
      }
    }
    return items;
  }

  /**
   * A list of single values as text, each checked by its indexed path; {@code null} when missing (a
   * problem only if {@code requiredHint}) or not a list.
   */
  List<String> texts(String key, String requiredHint) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return null;
    }
    if (!v.isArray()) {
      problem(key, "expected a list, e.g. [a, b], got " + describe(v));
      return null;
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isContainerNode() || item.isNull()) {
        problems.add(
            new ConfigProblem(
                pathOf(key) + "[" + i + "]", "expected a single value, got " + describe(item)));
      } else {
        items.add(item.asText());
      }
    }
    return items;
  }

  /**
   * The entries of a mapping of single values, in file order; {@code null} when missing or not a
   * mapping (a problem then), an entry with a value that is not single is reported and left out.
   */
  Map<String, String> textEntries(String key) {
    ConfigNode section = section(key, null);
    if (section == null) {
      return null;
    }
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = section.node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode() || e.getValue().isNull()) {
        section.problem(e.getKey(), "expected a single value, got " + describe(e.getValue()));
      } else {
        entries.put(e.getKey(), e.getValue().asText());
      }
    }
    return entries;
  }

  /** A scalar as text; {@code null} when missing (a problem only if {@code requiredHint}). */
  String text(String key, String requiredHint) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return null;
    }
    if (v.isContainerNode()) {
      problem(key, "expected a single value, got " + describe(v));
      return null;
    }
    return v.asText();
  }

  /** Whether the value is a list with no items. */
  boolean isEmptyList(String key) {
    JsonNode v = node.get(key);
    return v != null && v.isArray() && v.isEmpty();
  }

  /** Whether the raw value is a number rather than text (YAML reads unquoted digits as numbers). */
  boolean isNumber(String key) {
    JsonNode v = node.get(key);
    return v != null && v.isNumber();
  }

  /** A whole number in {@code min..max}; the fallback when missing ({@code null}: required). */
  Integer integer(String key, int min, int max, Integer fallback) {
    Long v = wholeNumber(key, min, max, fallback == null ? null : fallback.longValue());
    return v == null ? null : v.intValue();
  }

  private Long wholeNumber(String key, long min, long max, Long fallback) {
    JsonNode v = node.get(key);
    String expected = "expected a whole number " + min + ".." + max;
    if (v == null || v.isNull()) {
      if (fallback == null) {
        problem(key, "missing — " + expected);
      }
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(key, expected + ", got " + describe(v));
      return null;
    }
    long n = v.asLong();
    if (n < min || n > max) {
      problem(key, n + " is out of range — expected " + min + ".." + max);
      return null;
    }
    return n;
  }

  /** A number in {@code min..max}; {@code null} when missing (a problem if {@code required}). */
  Double decimal(String key, double min, double max, boolean required) {
    JsonNode v = node.get(key);
    String expected = "expected a number " + plain(min) + ".." + plain(max);
    if (v == null || v.isNull()) {
      if (required) {
        problem(key, "missing — " + expected);
      }
      return null;
    }
    if (!v.isNumber()) {
      problem(key, expected + ", got " + describe(v));
      return null;
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      problem(key, plain(d) + " is out of range — expected " + plain(min) + ".." + plain(max));
      return null;
    }
    return d;
  }

  /** A duration like {@code 30s} within {@code min..max}; the fallback when missing. */
  Duration duration(String key, Duration fallback, Duration min, Duration max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (v.isNumber()) {
      problem(
          key,
          v.asText() + " has no unit — write e.g. " + v.asText() + "s or " + v.asText() + "ms");
      return null;
    }
    if (!v.isTextual()) {
      problem(key, "expected a duration like 30s, got " + describe(v));
      return null;
    }
    try {
      Duration d = DurationText.parse(v.asText());
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        problem(
            key,
            v.asText()
                + " is out of range — expected "
                + DurationText.format(min)
                + ".."
                + DurationText.format(max));
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return null;
    }
  }

  /** A size like {@code 2MiB} (or a plain number of bytes) within {@code min..max}. */
  Long byteSize(String key, long fallback, long min, long max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    String range = "expected " + ByteSize.format(min) + ".." + ByteSize.format(max);
    long bytes;
    if (v.isIntegralNumber()) {
      bytes = v.asLong();
    } else if (v.isTextual()) {
      try {
        bytes = ByteSize.parse(v.asText());
      } catch (IllegalArgumentException e) {
        problem(key, e.getMessage());
        return null;
      }
    } else {
      problem(key, "expected a size like 2MiB, got " + describe(v));
      return null;
    }
    if (bytes < min || bytes > max) {
      problem(key, v.asText() + " is out of range — " + range);
      return null;
    }
    return bytes;
  }

  /** One of the given words; {@code null} when missing (a problem if {@code required}). */
  <E> E choice(String key, Map<String, E> options, boolean required) {
    String word =
        text(key, required ? "expected one of: " + String.join(", ", options.keySet()) : null);
    if (word == null) {
      return null;
    }
    E value = options.get(word);
    if (value == null) {
      String hint =
          NearestKey.to(word, options.keySet())
              .map(k -> "did you mean '" + k + "'?")
              .orElse("expected one of: " + String.join(", ", options.keySet()));
      problem(key, "'" + word + "' is not known — " + hint);
    }
    return value;
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "text '" + v.asText() + "'";
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
