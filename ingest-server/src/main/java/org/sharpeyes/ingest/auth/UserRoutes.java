package org.sharpeyes.ingest.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.FieldError;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.http.ProblemType;

/**
 * User management for admins (behind the access gate; docs/api.md, "Users"): {@code GET|POST
 * /api/users}, {@code POST /api/users/{name}/disable|enable}, {@code PUT
 * /api/users/{name}/password}. The caller is {@link Principal#of}; an admin sees and changes only
 * users within its jurisdiction (403 otherwise).
 */
public final class UserRoutes {

  private static final Set<String> ADD_FIELDS =
      Set.of("name", "password", "role", "jurisdiction", "clearance");

  private final UserAdmin admin;
  private final BlockingDispatch dispatch;

  public UserRoutes(UserAdmin admin, BlockingDispatch dispatch) {
    this.admin = admin;
    this.dispatch = dispatch;
  }

  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(JsonBody.MAX_BYTES);
    router.get("/api/users").handler(this::list);
    router.post("/api/users").handler(body).handler(this::add);
    router.post("/api/users/:name/disable").handler(ctx -> setDisabled(ctx, true));
    router.post("/api/users/:name/enable").handler(ctx -> setDisabled(ctx, false));
    router.put("/api/users/:name/password").handler(body).handler(this::password);
  }

  private void list(RoutingContext ctx) {
    UserAdmin.Actor actor = actor(ctx);
    if (actor.role() != Role.ADMIN) {
      ProblemReplies.send(ctx, ProblemType.FORBIDDEN, "only an admin manages users");
      return;
    }
    dispatch.respond(
        ctx,
        () -> {
          JsonArray out = new JsonArray();
          admin.list(actor).forEach(u -> out.add(userJson(u)));
          return out;
        },
        out -> ctx.json(out));
  }

  private void add(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx.body().buffer(), ADD_FIELDS);
    String name = body.text("name");
    String password = body.text("password");
    String roleText = body.text("role");
    String jurisdiction = body.text("jurisdiction");
    String clearanceText = body.text("clearance");
    List<FieldError> errors = new ArrayList<>(body.errors());
    Role role = roleText == null ? null : Role.fromLabel(roleText).orElse(null);
    if (roleText != null && role == null) {
      errors.add(new FieldError("body.role", "not a role; one of " + Role.labels()));
    }
    Clearance clearance =
        clearanceText == null ? null : Clearance.fromLabel(clearanceText).orElse(null);
    if (clearanceText != null && clearance == null) {
      errors.add(new FieldError("body.clearance", "one of " + Clearance.labels()));
    }
    if (!errors.isEmpty()) {
      ProblemReplies.badRequest(ctx, errors);
      return;
    }
    UserAdmin.Actor actor = actor(ctx);
    UserAdmin.NewUser n = new UserAdmin.NewUser(name, password, role, jurisdiction, clearance);
    dispatch.respond(ctx, () -> admin.add(actor, n), r -> answer(ctx, r, 201));
  }

  private void setDisabled(RoutingContext ctx, boolean disabled) {
    UserAdmin.Actor actor = actor(ctx);
    String name = ctx.pathParam("name");
    dispatch.respond(ctx, () -> admin.setDisabled(actor, name, disabled), r -> answer(ctx, r, 200));
  }

  private void password(RoutingContext ctx) {
    JsonBody body = JsonBody.of(ctx.body().buffer(), Set.of("password"));
    String password = body.text("password");
    if (!body.errors().isEmpty()) {
      ProblemReplies.badRequest(ctx, body.errors());
      return;
    }
    UserAdmin.Actor actor = actor(ctx);
    String name = ctx.pathParam("name");
    dispatch.respond(
        ctx,
        () -> admin.setPassword(actor, name, password),
        r -> {
          if (r instanceof UserAdmin.Done) {
            ctx.response().setStatusCode(204).end();
          } else {
            answer(ctx, r, 204);
          }
        });
  }

  private static void answer(RoutingContext ctx, UserAdmin.Result r, int okStatus) {
    if (r instanceof UserAdmin.Done d) {
      ctx.response().setStatusCode(okStatus);
      if (okStatus == 201) {
        ctx.response().putHeader("Location", "/api/users/" + d.user().name());
      }
      ctx.json(userJson(d.user()));
    } else if (r instanceof UserAdmin.Invalid i) {
      ProblemReplies.badRequest(ctx, i.errors());
    } else if (r instanceof UserAdmin.NotFound n) {
      ProblemReplies.notFound(ctx, "no user " + JwtKeys.printable(n.name()));
    } else if (r instanceof UserAdmin.Exists e) {
      ProblemReplies.send(ctx, ProblemType.USER_EXISTS, "a user named " + e.name() + " exists");
    } else {
      ProblemReplies.send(ctx, ProblemType.FORBIDDEN, ((UserAdmin.Forbidden) r).reason());
    }
  }

  static JsonObject userJson(UserAccount u) {
    return new JsonObject()
        .put("name", u.name())
        .put("role", u.role().label())
        .put("jurisdiction", u.jurisdiction())
        .put("clearance", u.clearance().label())
        .put("disabled", u.disabled())
        .put("createdAt", u.createdAt().toString())
        .put("passwordChangedAt", u.passwordChangedAt().toString())
        .put("lockedUntil", u.lockedUntil() == null ? null : u.lockedUntil().toString());
  }

  private static UserAdmin.Actor actor(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    String from = address == null || address.hostAddress() == null ? "-" : address.hostAddress();
    return UserAdmin.Actor.of(Principal.of(ctx), from);
  }
}
