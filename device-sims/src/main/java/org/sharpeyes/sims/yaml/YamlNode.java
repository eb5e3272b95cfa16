package org.sharpeyes.sims.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a YAML input file (a camera scenario, a gate script), read key by key with its
 * path ({@code walkers[1].stay}). A read that fails records a problem naming the path and what to
 * write instead, and returns the fallback, so that one pass over a file finds every problem in it.
 * A key set to {@code null} counts as missing.
 */
public final class YamlNode {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  private final JsonNode node;
  private final String path;
  private final List<String> problems;

  private YamlNode(JsonNode node, String path, List<String> problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  public static YamlNode root(JsonNode node, List<String> problems) {
    return new YamlNode(node, "", problems);
  }

  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Records a problem with this mapping as a whole (or with the file, at the root). */
  public void problem(String message) {
    problems.add((path.isEmpty() ? "(top level)" : path) + ": " + message);
  }

  public void problem(String key, String message) {
    problems.add(pathOf(key) + ": " + message);
  }

  public int problemCount() {
    return problems.size();
  }

  public boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  /** Records every key not in {@code known}. */
  public void rejectUnknownKeys(List<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problem(key, "unknown key; known keys here: " + String.join(", ", known));
      }
    }
  }

  /** The mappings of a list, each with its indexed path; empty when missing. */
  public List<YamlNode> list(String key) {
    List<YamlNode> items = new ArrayList<>();
    if (!has(key)) {
      return items;
    }
    JsonNode v = node.get(key);
    if (!v.isArray()) {
      problem(key, "must be a list (lines starting with '- '), was " + describe(v));
      return items;
    }
    for (int i = 0; i < v.size(); i++) {
      String itemPath = pathOf(key) + "[" + i + "]";
      if (v.get(i).isObject()) {
        items.add(new YamlNode(v.get(i), itemPath, problems));
      } else {
        problems.add(
            itemPath + ": must be a mapping (key: value lines), was " + describe(v.get(i)));
      }
    }
    return items;
  }

  /** A single value as text, or {@code null} when missing or not a single value. */
  public String text(String key) {
    if (!has(key)) {
      return null;
    }
    JsonNode v = node.get(key);
    if (v.isContainerNode()) {
      problem(key, "must be a single value, was " + describe(v));
      return null;
    }
    return v.asText();
  }

  /** A number in {@code min..max}, or {@code fallback} when missing or wrong. */
  public double number(String key, double fallback, double min, double max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    String range = "a number from " + plain(min) + " to " + plain(max);
    if (!v.isNumber()) {
      problem(key, "must be " + range + ", was " + describe(v));
      return fallback;
    }
    double d = v.asDouble();
    if (!(d >= min && d <= max)) {
      problem(key, "must be " + range + ", was " + plain(d));
      return fallback;
    }
    return d;
  }

  /** A whole number, or {@code fallback} when missing or wrong. */
  public long whole(String key, long fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(key, "must be a whole number, was " + describe(v));
      return fallback;
    }
    return v.asLong();
  }

  public boolean flag(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    if (!v.isBoolean()) {
      problem(key, "must be true or false, was " + describe(v));
      return fallback;
    }
    return v.asBoolean();
  }

  /**
   * A duration written {@code 500ms}, {@code 12s}, {@code 1.5s}, {@code 2m}, {@code 1h} or ISO-8601
   * ({@code PT1M}); {@code fallback} when missing or wrong. Bare numbers are refused: a unit is
   * always needed.
   */
  public Duration duration(String key, Duration fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = node.get(key);
    String text = v.isTextual() ? v.asText().strip() : "";
    Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double nanosPerUnit =
          switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
          };
      return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      problem(key, "must be a duration such as 500ms, 12s, 1.5s, 2m or PT1M, was " + describe(v));
      return fallback;
    }
  }

  public static String describe(JsonNode v) {
    if (v.isArray()) {
      return "a list";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    return v.isTextual() ? "'" + v.asText() + "'" : v.asText();
  }

  public static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
