package org.sharpeyes.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML file (JSON is YAML too) into a {@link ConfigTree}, within bounds: its size, how deep
 * it nests, one document only, and no aliases ({@code *name}: the YAML reader underneath would read
 * one as the text of its name, not as the value it stands for, so it is refused rather than
 * misread). Whatever the input, the answer is a tree or problems at {@code $} — never an exception.
 * Duplicate keys are problems. Thread-safe (stateless).
 */
public final class ConfigYaml {

  /**
   * The bounds of one file.
   *
   * @param maxBytes largest file accepted, in bytes of UTF-8
   * @param maxDepth deepest nesting of mappings and lists accepted
   */
  public record Limits(long maxBytes, int maxDepth) {

    /** 1MiB, 32 levels: far beyond any config of ours. */
    public static final Limits DEFAULTS = new Limits(1024 * 1024, 32);

    public Limits {
      if (maxBytes < 1 || maxDepth < 1) {
        throw new IllegalArgumentException(
            "limits must be positive: " + maxBytes + ", " + maxDepth);
      }
    }

    public Limits withMaxBytes(long bytes) {
      return new Limits(bytes, maxDepth);
    }
  }

  // The depth is checked while scanning, with a message; this only keeps a parser from recursing.
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private ConfigYaml() {}

  /**
   * Reads a file; its relative paths are relative to its directory ({@link ConfigTree#baseDir}).
   */
  public static ConfigResult<ConfigTree> read(Path file, Limits limits) {
    Path base = file.toAbsolutePath().getParent();
    try {
      if (!Files.exists(file)) {
        return failure("file not found");
      }
      if (!Files.isRegularFile(file)) {
        return failure("not a file");
      }
      long size = Files.size(file);
      if (size > limits.maxBytes()) {
        return tooLarge(size, limits);
      }
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
      return parse(text, base, limits);
    } catch (NoSuchFileException e) {
      return failure("file not found");
    } catch (CharacterCodingException e) {
      return failure("not UTF-8 text — save the file as UTF-8");
    } catch (IOException | RuntimeException e) {
      return failure("cannot read the file: " + e.getMessage());
    }
  }

  /**
   * Reads YAML text. An empty text is an empty mapping (the caller decides whether that is all
   * defaults or a problem).
   *
   * @param baseDir what relative paths inside it are relative to
   */
  public static ConfigResult<ConfigTree> parse(String text, Path baseDir, Limits limits) {
    long bytes = text.length() <= limits.maxBytes() / 3 ? 0 : utf8Length(text);
    if (bytes > limits.maxBytes()) {
      return tooLarge(bytes, limits);
    }
    try {
      String shapeProblem = scan(text, limits);
      if (shapeProblem != null) {
        return failure(shapeProblem);
      }
      JsonNode tree = MAPPER.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        tree = MAPPER.createObjectNode();
      }
      if (!tree.isObject()) {
        return failure(
            "expected a mapping of keys (key: value lines), got " + ConfigTree.describe(tree));
      }
      return new ConfigResult.Success<>(ConfigTree.of(tree, baseDir));
    } catch (JsonProcessingException e) {
      return failure(notYaml(e));
    } catch (IOException | RuntimeException e) {
      return failure("not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  /**
   * Walks the tokens once, before any tree is built: the first alias, a nesting deeper than the
   * limit, or a second document is a problem (returned); {@code null} when none.
   */
  private static String scan(String text, Limits limits) throws IOException {
    try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
      int depth = 0;
      int roots = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (p.isCurrentAlias()) {
          return "line "
              + p.currentLocation().getLineNr()
              + ": aliases (*"
              + p.getText()
              + ") are not supported — write the value out in full";
        }
        if (depth == 0) {
          roots++;
        }
        if (roots > 1) {
          return "more than one YAML document (---) — keep one per file";
        }
        if (t.isStructStart() && ++depth > limits.maxDepth()) {
          return "nested deeper than " + limits.maxDepth() + " levels at line " + lineOf(p);
        }
        if (t.isStructEnd()) {
          depth--;
        }
      }
      return null;
    }
  }

  private static String notYaml(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      Mark started = m.getContextMark();
      String context =
          m.getContext() == null || started == null
              ? ""
              : " (" + firstLine(m.getContext()) + " at " + lineAndColumn(started) + ")";
      return "not valid YAML at " + lineAndColumn(at) + ": " + firstLine(m.getProblem()) + context;
    }
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return "not valid YAML" + where + ": " + firstLine(e.getOriginalMessage());
  }

  private static String lineAndColumn(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static int lineOf(JsonParser p) {
    return p.currentLocation().getLineNr();
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static ConfigResult<ConfigTree> tooLarge(long bytes, Limits limits) {
    return failure(
        "the file is "
            + bytes
            + " bytes — at most "
            + Quantities.formatSize(limits.maxBytes())
            + " is read");
  }

  private static ConfigResult<ConfigTree> failure(String message) {
    return ConfigResult.failure(ConfigProblem.wholeFile(message));
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
