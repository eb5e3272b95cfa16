package org.sharpeyes.schema.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.schema.event.EventType;

/**
 * Validates envelopes and data against the JSON Schema files shipped in this jar, so that the files
 * users read are the rules the decoder applies. Thread-safe.
 */
final class SchemaValidator {

  private final JsonSchema envelope;
  private final Map<EventType, JsonSchema> data = new EnumMap<>(EventType.class);

  SchemaValidator() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    envelope = load(factory, config, "/schemas/v1/envelope.json");
    for (EventType type : EventType.values()) {
      data.put(type, load(factory, config, type.schemaResource()));
    }
  }

  private static JsonSchema load(
      JsonSchemaFactory factory, SchemaValidatorsConfig config, String resource) {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the jar: " + resource);
      }
      return factory.getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The envelope's problems, sorted, in a new list the caller may add to. */
  List<Problem> validateEnvelope(JsonNode root) {
    return toProblems(envelope.validate(root), "");
  }

  List<Problem> validateData(EventType type, JsonNode dataNode) {
    return toProblems(data.get(type).validate(dataNode), "data");
  }

  private static List<Problem> toProblems(
      java.util.Set<ValidationMessage> messages, String prefix) {
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage m : messages) {
      String location = m.getInstanceLocation().toString();
      String path = dotted(location);
      if ("required".equals(m.getType()) && m.getProperty() != null) {
        path = path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
        problems.add(new Problem(join(prefix, path), "is required but missing"));
        continue;
      }
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        path = path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
        problems.add(new Problem(join(prefix, path), "is not a known field of this type"));
        continue;
      }
      String text = m.getMessage();
      if (text.startsWith(location + ": ")) {
        text = text.substring(location.length() + 2);
      }
      problems.add(new Problem(join(prefix, path), text));
    }
    problems.sort(Comparator.comparing(Problem::path).thenComparing(Problem::message));
    return problems;
  }

  /**
   * Turns a JSON Pointer ({@code /data/lane}) or JSON Path ({@code $.data.lane}) into {@code
   * data.lane}.
   */
  static String dotted(String location) {
    if (location.isEmpty() || location.equals("$") || location.equals("/")) {
      return "";
    }
    if (location.startsWith("$.")) {
      return location.substring(2);
    }
    StringBuilder out = new StringBuilder();
    for (String part : location.substring(location.startsWith("/") ? 1 : 0).split("/")) {
      String unescaped = part.replace("~1", "/").replace("~0", "~");
      if (unescaped.chars().allMatch(Character::isDigit) && !unescaped.isEmpty()) {
        out.append('[').append(unescaped).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(unescaped);
      }
    }
    return out.toString();
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path.isEmpty() ? "$" : path;
    }
    return path.isEmpty() ? prefix : prefix + "." + path;
  }
}
