package org.sharpeyes.ingest.api;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * Reads the query parameters of one request and collects every problem, so that a 400 names all bad
 * parameters at once. An empty value ({@code ?state=}) counts as absent. Unknown parameters are
 * problems too: a typo such as {@code serverity=} should not silently widen a query.
 */
final class QueryReader {

  static final String INSTANT_HINT = "not an ISO-8601 instant, e.g. 2026-11-27T08:00:00Z";

  private final MultiMap params;
  private final JsonArray problems = new JsonArray();

  QueryReader(MultiMap params, Set<String> known) {
    this.params = params;
    for (String name : new TreeSet<>(params.names())) {
      if (!known.contains(name)) {
        problem(name, "unknown parameter; known: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** The parameter's value; a problem when it is given more than once. */
  Optional<String> single(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      problem(name, "given " + values.size() + " times; give it once");
      return Optional.empty();
    }
    return values.stream().findFirst();
  }

  /** Every non-empty value of a parameter that may repeat ({@code ?state=new&state=dispatched}). */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String v : params.getAll(name)) {
      if (!v.isBlank()) {
        values.add(v.strip());
      }
    }
    return values;
  }

  Instant instant(String name) {
    Optional<String> value = single(name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value.get());
    } catch (DateTimeParseException e) {
      problem(name, INSTANT_HINT);
      return null;
    }
  }

  /** {@code limit}: an integer from 1 to {@code max}; {@code fallback} when absent. */
  int limit(int fallback, int max) {
    Optional<String> value = single("limit");
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem("limit", "must be an integer from 1 to " + max);
    return fallback;
  }

  /** {@code region}: a known region code, so that a typo is a 400 rather than an empty list. */
  String region(RegionDirectory regions) {
    Optional<String> region = single("region");
    if (region.isPresent() && !regions.contains(region.get())) {
      problem("region", "unknown region code " + region.get());
      return null;
    }
    return region.orElse(null);
  }

  /** A problem when {@code since} is not before {@code until}. */
  void checkOrder(Instant since, Instant until) {
    if (since != null && until != null && !since.isBefore(until)) {
      problem("until", "must be after since (" + since + ")");
    }
  }

  void problem(String param, String message) {
    problems.add(new JsonObject().put("param", param).put("message", message));
  }

  boolean ok() {
    return problems.isEmpty();
  }

  /** The 400 body: {@code {"error":"bad query","problems":[{"param":..,"message":..}]}}. */
  JsonObject badQuery() {
    return new JsonObject().put("error", "bad query").put("problems", problems.copy());
  }
}
