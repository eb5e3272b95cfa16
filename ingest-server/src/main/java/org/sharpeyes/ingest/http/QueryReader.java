package org.sharpeyes.ingest.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads the query parameters of one request and collects every error, so that a 400 names all bad
 * parameters at once ({@code errors[].path} is {@code query.<name>}). An empty value ({@code
 * ?state=}) counts as absent. Unknown parameters are errors too: a typo such as {@code serverity=}
 * should not silently widen a query.
 */
public final class QueryReader {

  public static final String INSTANT_HINT = "not an ISO-8601 instant, e.g. 2026-11-27T08:00:00Z";

  private final MultiMap params;
  private final List<FieldError> errors = new ArrayList<>();

  /**
   * @param known the parameters the route takes; any other is an error
   */
  public QueryReader(MultiMap params, Set<String> known) {
    this.params = params;
    for (String name : new TreeSet<>(params.names())) {
      if (!known.contains(name)) {
        problem(name, "unknown parameter; known: " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** The parameter's value; an error when it is given more than once. */
  public Optional<String> single(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      problem(name, "given " + values.size() + " times; give it once");
      return Optional.empty();
    }
    return values.stream().findFirst();
  }

  /** Every non-empty value of a parameter that may repeat ({@code ?state=new&state=dispatched}). */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String v : params.getAll(name)) {
      if (!v.isBlank()) {
        values.add(v.strip());
      }
    }
    return values;
  }

  public Instant instant(String name) {
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
  public int limit(int fallback, int max) {
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

  /**
   * A value that must be one of a known set (a region code, say), so that a typo is a 400 rather
   * than an empty answer.
   *
   * @param unknown the error message for a value that is not known, e.g. {@code "unknown region
   *     code "}, followed by the value
   */
  public String known(String name, Predicate<String> isKnown, String unknown) {
    Optional<String> value = single(name);
    if (value.isPresent() && !isKnown.test(value.get())) {
      problem(name, unknown + value.get());
      return null;
    }
    return value.orElse(null);
  }

  /** An error when {@code since} is not before {@code until}. */
  public void checkOrder(Instant since, Instant until) {
    if (since != null && until != null && !since.isBefore(until)) {
      problem("until", "must be after since (" + since + ")");
    }
  }

  public void problem(String param, String message) {
    errors.add(FieldError.query(param, message));
  }

  /**
   * Answers 400 with every error and returns {@code true} when there is any; else returns {@code
   * false} and the route goes on.
   */
  public boolean refused(RoutingContext ctx) {
    if (errors.isEmpty()) {
      return false;
    }
    ProblemReplies.badRequest(ctx, List.copyOf(errors));
    return true;
  }
}
