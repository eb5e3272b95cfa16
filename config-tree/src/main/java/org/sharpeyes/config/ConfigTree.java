package org.sharpeyes.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One mapping of a YAML file with its path ({@code devices[0].plateHttp}), read key by key. A read
 * that fails records a {@link ConfigProblem} — its path, what is wrong, what to write instead — in
 * the list the whole file shares, and returns {@code null}; a key that is missing gives the read's
 * fallback. So one pass over a file finds every problem in it, and {@link #result} turns the pass
 * into a {@link ConfigResult}.
 *
 * <p>Structure (sections, lists, allowed keys) is read here; single values with the reads of {@link
 * ConfigValues}, under the same conventions: a missing key and an explicit {@code null} are the
 * same, a {@code fallback} of {@code null} means required, arguments come as key, fallback, bounds.
 *
 * <p>Not thread-safe: one file is read by one thread.
 */
public final class ConfigTree extends ConfigValues {

  private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final JsonNode node;
  private final String path;
  private final Path baseDir;
  private final List<ConfigProblem> problems;

  private ConfigTree(JsonNode node, String path, Path baseDir, List<ConfigProblem> problems) {
    this.node = node;
    this.path = path;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  /**
   * The top of a file.
   *
   * @param mapping an object node (see {@link ConfigYaml}, which reads one from YAML)
   * @param baseDir the directory of the file: what {@link #baseDir()} tells its readers
   */
  public static ConfigTree of(JsonNode mapping, Path baseDir) {
    if (!mapping.isObject()) {
      throw new IllegalArgumentException("the top of a config tree is a mapping, not " + mapping);
    }
    return new ConfigTree(mapping, "", baseDir.toAbsolutePath(), new ArrayList<>());
  }

  /** Where this mapping is: {@code devices[0].gate}; {@code $} at the top. */
  public String where() {
    return path.isEmpty() ? ConfigProblem.WHOLE_FILE : path;
  }

  /** Where a key of this mapping is: {@code devices[0].gate.endpoint}. */
  public String where(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The directory of the file, against which its relative paths are usually resolved. */
  public Path baseDir() {
    return baseDir;
  }

  /** Problems found so far in the whole file; compare before and after reading a section. */
  public int problemCount() {
    return problems.size();
  }

  /** Every problem found so far in the whole file, in order. */
  public List<ConfigProblem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Records a problem at a key of this mapping (or a deeper path: {@code sync.maxDelay}). */
  @Override
  public void problem(String key, String message) {
    problems.add(new ConfigProblem(where(key), message));
  }

  /** Records a problem with this mapping as a whole. */
  public void problem(String message) {
    problems.add(new ConfigProblem(where(), message));
  }

  /** The value built from a file without problems, or the failure listing all of them. */
  public <T> ConfigResult<T> result(Supplier<T> value) {
    return problems.isEmpty()
        ? new ConfigResult.Success<>(value.get())
        : new ConfigResult.Failure<>(problems);
  }

  /** Whether the key is there; records {@code missing — hint} when it is not. */
  public boolean require(String key, String hint) {
    if (has(key)) {
      return true;
    }
    problem(key, "missing — " + hint);
    return false;
  }

  /**
   * Changes the YAML of this mapping before it is read: for values given on a command line, which
   * are then checked like the lines of the file, and reported like them.
   */
  public void edit(Consumer<ObjectNode> change) {
    change.accept((ObjectNode) node);
  }

  /** Whether this mapping has no keys at all. */
  public boolean isEmpty() {
    return node.isEmpty();
  }

  /** Whether the raw value is a number (YAML reads unquoted digits as one, dropping zeros). */
  public boolean isNumber(String key) {
    JsonNode v = value(key);
    return v != null && v.isNumber();
  }

  /** Whether the value is a list with no items. */
  public boolean isEmptyList(String key) {
    JsonNode v = value(key);
    return v != null && v.isArray() && v.isEmpty();
  }

  /** Records every key not in {@code known}, with one "did you mean" each. */
  public void allowKeys(Collection<String> known) {
    allowKeys(known, Map.of());
  }

  /**
   * Like {@link #allowKeys(Collection)}, and answers each key a former version knew with its own
   * message ({@code retired}: old key → e.g. {@code no longer supported — write reconnect.maxDelay
   * instead}).
   */
  public void allowKeys(Collection<String> known, Map<String, String> retired) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (retired.containsKey(key)) {
        problem(key, retired.get(key));
      } else if (!known.contains(key)) {
        problem(key, "unknown key — " + KeySuggestion.hint(key, known));
      }
    }
  }

  /** True when {@code key} holds a mapping (read it with {@link #section}). */
  public boolean isMapping(String key) {
    JsonNode v = value(key);
    return v != null && v.isObject();
  }

  /** The keys of this mapping, in file order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A nested mapping; {@code null} when missing, or not a mapping (a problem then). */
  public ConfigTree section(String key) {
    return section(key, null);
  }

  /** A nested mapping that must be there: {@code missing — requiredHint} otherwise. */
  public ConfigTree section(String key, String requiredHint) {
    JsonNode v = value(key);
    if (v == null) {
      if (requiredHint != null) {
        problem(key, "missing — " + requiredHint);
      }
      return null;
    }
    if (!v.isObject()) {
      problem(key, "expected a mapping (indented key: value lines), got " + describe(v));
      return null;
    }
    return new ConfigTree(v, where(key), baseDir, problems);
  }

  /**
   * A nested mapping whose keys are all optional: when it is missing (or not a mapping, a problem
   * then) an empty one at its path, whose reads all give their fallbacks.
   */
  public ConfigTree sectionOrEmpty(String key) {
    ConfigTree section = section(key);
    return section != null
        ? section
        : new ConfigTree(JsonNodeFactory.instance.objectNode(), where(key), baseDir, problems);
  }

  /** The mappings of a list, each at {@code key[i]}; empty when missing or not a list. */
  public List<ConfigTree> list(String key) {
    return list(key, null, null);
  }

  /**
   * The mappings of a list. An item is at {@code key[id]} when it has a plain {@code idKey} value
   * (letters, digits, {@code . _ -}), else at {@code key[i]}; {@code idKey} may be null.
   */
  public List<ConfigTree> list(String key, String requiredHint, String idKey) {
    List<ConfigTree> items = new ArrayList<>();
    JsonNode v = value(key);
    if (v == null) {
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
      JsonNode item = v.get(i);
      JsonNode id = idKey == null ? null : item.get(idKey);
      boolean named = id != null && id.isValueNode() && ITEM_ID.matcher(id.asText()).matches();
      String itemPath = where(key) + "[" + (named ? id.asText() : i) + "]";
      if (item.isObject()) {
        items.add(new ConfigTree(item, itemPath, baseDir, problems));
      } else {
        problems.add(new ConfigProblem(itemPath, "expected a mapping, got " + describe(item)));
      }
    }
    return items;
  }

  /** The single values of a mapping, in file order; {@code null} when missing or not a mapping. */
  public Map<String, String> entries(String key) {
    ConfigTree section = section(key);
    if (section == null) {
      return null;
    }
    Map<String, String> entries = new LinkedHashMap<>();
    section.node.properties().forEach(e -> put(section, e.getKey(), e.getValue(), entries));
    return entries;
  }

  private static void put(ConfigTree section, String key, JsonNode v, Map<String, String> out) {
    String text = section.single(key, v);
    if (text != null) {
      out.put(key, text);
    }
  }

  @Override
  JsonNode value(String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  @Override
  public String toString() {
    return "ConfigTree[" + where() + "]";
  }
}
