package org.sharpeyes.ingest.outbound;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.sharpeyes.ingest.audit.AuditEntry;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;
import org.sharpeyes.ingest.reference.RegionDirectory;

/**
 * The admin's webhook routes (docs/api.md, "Webhooks"): {@code POST/GET /api/webhooks}, {@code
 * DELETE /api/webhooks/{id}}, {@code GET /api/webhooks/{id}/deliveries}. An admin sees and manages
 * the subscriptions of their jurisdiction's subtree. The secret is never shown again, only masked.
 */
final class WebhookRoutes {

  static final int MIN_SECRET = 16;
  static final int MAX_SECRET = 200;
  static final int MAX_URL = 2000;
  static final int DELIVERIES_SHOWN = 100;
  private static final int MAX_BODY = 8192;
  private static final Set<String> FIELDS = Set.of("url", "jurisdiction", "kinds", "secret");

  private final WebhookStore store;
  private final RegionDirectory regions;
  private final BlockingDispatch dispatch;
  private final Clock clock;
  private final AuditTrail audit;

  WebhookRoutes(
      WebhookStore store,
      RegionDirectory regions,
      BlockingDispatch dispatch,
      Clock clock,
      AuditTrail audit) {
    this.store = store;
    this.regions = regions;
    this.dispatch = dispatch;
    this.clock = clock;
    this.audit = audit;
  }

  void mount(Router router) {
    router
        .post("/api/webhooks")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(this::create);
    router.get("/api/webhooks").handler(this::list);
    router.delete("/api/webhooks/:id").handler(this::delete);
    router.get("/api/webhooks/:id/deliveries").handler(this::deliveries);
  }

  private void create(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    JsonObject body = null;
    try {
      io.vertx.core.buffer.Buffer raw = ctx.body().buffer();
      Object value = raw == null || raw.length() == 0 ? null : Json.decodeValue(raw);
      if (value instanceof JsonObject) {
        body = (JsonObject) value;
      }
    } catch (DecodeException e) {
      body = null;
    }
    if (body == null) {
      ProblemReplies.badRequest(
          ctx,
          List.of(
              new FieldError(
                  "body", "send a JSON object with " + String.join(", ", new TreeSet<>(FIELDS)))));
      return;
    }
    List<FieldError> shape = new ArrayList<>();
    for (String name : new TreeSet<>(body.fieldNames())) {
      if (!FIELDS.contains(name)) {
        shape.add(
            new FieldError(
                "body." + name,
                "unknown field; known: " + String.join(", ", new TreeSet<>(FIELDS))));
      }
    }
    String url = text(body, "url", shape);
    String jurisdiction = text(body, "jurisdiction", shape);
    String secret = text(body, "secret", shape);
    List<String> kindsAsked = kinds(body, shape);
    if (!shape.isEmpty()) {
      ProblemReplies.badRequest(ctx, shape);
      return;
    }
    List<FieldError> invalid = new ArrayList<>();
    checkUrl(url, invalid);
    if (!regions.contains(jurisdiction)) {
      invalid.add(new FieldError("body.jurisdiction", "not a known region code"));
    }
    List<String> kinds = new ArrayList<>();
    for (String k : AlertEventKind.labels()) {
      if (kindsAsked.contains(k)) {
        kinds.add(k);
      }
    }
    for (String k : kindsAsked) {
      if (AlertEventKind.fromLabel(k).isEmpty()) {
        invalid.add(
            new FieldError(
                "body.kinds",
                "'" + k + "' is not a kind; one of " + String.join(", ", AlertEventKind.labels())));
      }
    }
    if (kindsAsked.isEmpty()) {
      invalid.add(
          new FieldError(
              "body.kinds", "name at least one of " + String.join(", ", AlertEventKind.labels())));
    }
    if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
      invalid.add(
          new FieldError(
              "body.secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters"));
    }
    if (!invalid.isEmpty()) {
      invalidFields(ctx, invalid);
      return;
    }
    if (!regions.isWithin(jurisdiction, caller.jurisdiction())) {
      ProblemReplies.forbidden(
          ctx, "region " + jurisdiction + " is outside your jurisdiction " + caller.jurisdiction());
      return;
    }
    WebhookSubscription s =
        new WebhookSubscription(
            UUID.randomUUID().toString(),
            url,
            jurisdiction,
            kinds,
            secret,
            caller.name(),
            clock.instant(),
            true);
    dispatch.respond(
        ctx,
        () -> {
          store.add(s);
          audit(
              ctx,
              caller,
              "webhook.add",
              s.id(),
              s.url() + " for " + s.jurisdiction() + ": " + String.join(",", s.kinds()));
          return s;
        },
        added -> {
          ctx.response().setStatusCode(201).putHeader("Location", "/api/webhooks/" + added.id());
          ctx.json(added.json());
        });
  }

  private void list(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    dispatch.respond(
        ctx,
        store::subscriptions,
        all -> {
          JsonArray out = new JsonArray();
          all.stream().filter(s -> visible(s, caller)).forEach(s -> out.add(s.json()));
          ctx.json(new JsonObject().put("webhooks", out).put("count", out.size()));
        });
  }

  private void delete(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    String id = ctx.pathParam("id");
    dispatch.respond(
        ctx,
        () -> {
          Optional<WebhookSubscription> s = store.subscription(id);
          boolean removed = s.isPresent() && visible(s.get(), caller) && store.remove(id);
          if (removed) {
            audit(ctx, caller, "webhook.remove", id, s.get().url());
          }
          return removed;
        },
        removed -> {
          if (removed) {
            ctx.response().setStatusCode(204).end();
          } else {
            ProblemReplies.notFound(ctx, "no webhook " + id + " in your jurisdiction");
          }
        });
  }

  private void deliveries(RoutingContext ctx) {
    Principal caller = Principal.of(ctx);
    String id = ctx.pathParam("id");
    dispatch.respond(
        ctx,
        () -> {
          Optional<WebhookSubscription> s = store.subscription(id);
          if (s.isEmpty() || !visible(s.get(), caller)) {
            return null;
          }
          return store.deliveries(id, DELIVERIES_SHOWN);
        },
        list -> {
          if (list == null) {
            ProblemReplies.notFound(ctx, "no webhook " + id + " in your jurisdiction");
            return;
          }
          JsonArray out = new JsonArray();
          list.forEach(d -> out.add(json(d)));
          ctx.json(new JsonObject().put("deliveries", out).put("count", out.size()));
        });
  }

  private void audit(
      RoutingContext ctx, Principal caller, String action, String subject, String detail) {
    var address = ctx.request().remoteAddress();
    String from = address == null || address.hostAddress() == null ? "-" : address.hostAddress();
    audit.record(
        new AuditEntry(clock.instant(), caller.name(), from, action, subject, "ok", detail));
  }

  private boolean visible(WebhookSubscription s, Principal caller) {
    return regions.isWithin(s.jurisdiction(), caller.jurisdiction());
  }

  private static JsonObject json(WebhookStore.Delivery d) {
    return new JsonObject()
        .put("id", d.id())
        .put("kind", d.kind())
        .put("alertId", d.alertId())
        .put("state", d.state())
        .put("attempts", d.attempts())
        .put("nextAttempt", d.state().equals("pending") ? text(d.nextAttempt()) : null)
        .put("lastError", d.lastError())
        .put("createdAt", text(d.createdAt()))
        .put("doneAt", text(d.doneAt()));
  }

  private static String text(java.time.Instant t) {
    return t == null ? null : t.toString();
  }

  private static void invalidFields(RoutingContext ctx, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(
        e -> list.add(new JsonObject().put("path", e.path()).put("message", e.message())));
    StringBuilder detail = new StringBuilder();
    for (FieldError e : errors) {
      detail
          .append(detail.length() == 0 ? "" : "; ")
          .append(e.path())
          .append(": ")
          .append(e.message());
    }
    ProblemReplies.send(
        ctx, ProblemType.INVALID_FIELD, detail.toString(), new JsonObject().put("errors", list));
  }

  private static String text(JsonObject body, String name, List<FieldError> errors) {
    Object v = body.getValue(name);
    if (v == null) {
      errors.add(new FieldError("body." + name, "required"));
      return null;
    }
    if (!(v instanceof String) || ((String) v).isEmpty()) {
      errors.add(new FieldError("body." + name, "must be a non-empty string"));
      return null;
    }
    return (String) v;
  }

  private static List<String> kinds(JsonObject body, List<FieldError> errors) {
    Object v = body.getValue("kinds");
    if (v == null) {
      errors.add(new FieldError("body.kinds", "required"));
      return List.of();
    }
    if (!(v instanceof JsonArray)) {
      errors.add(new FieldError("body.kinds", "must be an array of strings"));
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object k : (JsonArray) v) {
      if (!(k instanceof String)) {
        errors.add(new FieldError("body.kinds", "must be an array of strings"));
        return List.of();
      }
      out.add((String) k);
    }
    return List.copyOf(out);
  }

  private static void checkUrl(String url, List<FieldError> errors) {
    String why = null;
    if (url.length() > MAX_URL) {
      why = "at most " + MAX_URL + " characters";
    } else {
      try {
        URI u = new URI(url);
        String scheme =
            u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          why = "must be an http or https URL";
        } else if (u.getHost() == null || u.getHost().isEmpty()) {
          why = "must name a host";
        } else if (u.getUserInfo() != null) {
          why = "must not carry a user name or password; the signature authenticates us";
        }
      } catch (URISyntaxException e) {
        why = "not a URL: " + e.getReason();
      }
    }
    if (why != null) {
      errors.add(new FieldError("body.url", why));
    }
  }
}
