package org.sharpeyes.ingest.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sharpeyes.ingest.http.FieldError;

/**
 * Reads a small JSON object body and collects every error with its path ({@code body}, {@code
 * body.<field>}), so that one 400 names them all. Unknown fields are errors. Not thread-safe: one
 * per request.
 */
final class JsonBody {

  /** Largest body the auth and user routes take; a larger one is answered 413. */
  static final int MAX_BYTES = 4096;

  private final JsonObject object;
  private final List<FieldError> errors = new ArrayList<>();

  private JsonBody(JsonObject object) {
    this.object = object;
  }

  /** Parses {@code body}; {@code known} are the fields the route takes. */
  static JsonBody of(Buffer body, Set<String> known) {
    JsonObject object = null;
    String problem = null;
    if (body == null || body.length() == 0) {
      problem = "send a JSON object with " + String.join(", ", new TreeSet<>(known));
    } else {
      try {
        Object value = Json.decodeValue(body);
        if (value instanceof JsonObject o) {
          object = o;
        } else {
          problem = "expected a JSON object, got " + kind(value);
        }
      } catch (DecodeException | IllegalArgumentException e) {
        problem = "not valid JSON";
      }
    }
    JsonBody b = new JsonBody(object == null ? new JsonObject() : object);
    if (problem != null) {
      b.errors.add(new FieldError("body", problem));
      return b;
    }
    for (String name : new TreeSet<>(object.fieldNames())) {
      if (!known.contains(name)) {
        b.errors.add(
            new FieldError(
                "body." + JwtKeys.printable(name),
                "unknown field; known: " + String.join(", ", new TreeSet<>(known))));
      }
    }
    return b;
  }

  /** A required, non-empty string field; null (and an error) otherwise. */
  String text(String name) {
    if (errors.stream().anyMatch(e -> e.path().equals("body"))) {
      return null;
    }
    Object v = object.getValue(name);
    if (v == null) {
      errors.add(new FieldError("body." + name, "required"));
      return null;
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      errors.add(new FieldError("body." + name, "must be a non-empty string"));
      return null;
    }
    return s;
  }

  List<FieldError> errors() {
    return errors;
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    return v instanceof String
        ? "a string"
        : v instanceof Number ? "a number" : "a " + v.getClass().getSimpleName();
  }
}
