package org.sharpeyes.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the router itself fails, and what routes refuse, as a client sees it. */
class ProblemRepliesTest {

  private final RouterServer server =
      new RouterServer(
          router -> {
            router
                .get("/items")
                .handler(
                    ctx -> {
                      QueryReader query = new QueryReader(ctx.queryParams(), Set.of("limit"));
                      query.limit(10, 100);
                      if (!query.refused(ctx)) {
                        ctx.response().end("[]");
                      }
                    });
            router
                .post("/photos")
                .consumes("image/jpeg")
                .handler(BodyHandler.create(false).setBodyLimit(16))
                .handler(ctx -> ctx.response().setStatusCode(201).end());
            router
                .get("/broken")
                .handler(
                    ctx -> {
                      throw new IllegalStateException("table sharpeyes_secret has no row 7");
                    });
          });

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static JsonObject problem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/" + slug);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }

  @Test
  void everyBadParameterIsListedWithItsPathAndMessage() throws Exception {
    JsonObject problem = problem(server.get("/items?limit=0&colour=red"), 400, "bad-request");

    JsonArray errors = problem.getJsonArray("errors");
    assertThat(errors)
        .containsExactlyInAnyOrder(
            new JsonObject()
                .put("path", "query.colour")
                .put("message", "unknown parameter; known: limit"),
            new JsonObject()
                .put("path", "query.limit")
                .put("message", "must be an integer from 1 to 100"));
    assertThat(problem.getString("detail")).contains("query.limit: must be an integer from 1");
  }

  @Test
  void anUnknownRouteIsA404Problem() throws Exception {
    JsonObject problem = problem(server.get("/nowhere"), 404, "not-found");

    assertThat(problem.getString("detail")).isEqualTo("no route GET /nowhere");
  }

  @Test
  void aMethodTheRouteDoesNotTakeIsA405Problem() throws Exception {
    HttpResponse<String> response = server.send(server.request("/items").DELETE().build());

    assertThat(problem(response, 405, "method-not-allowed").getString("detail"))
        .isEqualTo("DELETE is not allowed on /items");
  }

  @Test
  void aBodyOverTheLimitIsA413Problem() throws Exception {
    HttpResponse<String> response =
        server.send(
            server
                .request("/photos")
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024]))
                .build());

    problem(response, 413, "too-large");
  }

  @Test
  void aBodyOfAnotherContentTypeIsA415Problem() throws Exception {
    HttpResponse<String> response =
        server.send(
            server
                .request("/photos")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build());

    assertThat(problem(response, 415, "unsupported-media-type").getString("detail"))
        .contains("text/plain");
  }

  @Test
  void aHandlerThatThrowsIsA500ProblemWithALogIdAndNothingOfTheException() throws Exception {
    JsonObject problem = problem(server.get("/broken"), 500, "internal-error");

    assertThat(problem.getString("instance")).matches("urn:uuid:[0-9a-f-]{36}");
    assertThat(problem.getString("detail")).endsWith(problem.getString("instance").substring(9));
    assertThat(problem.encode()).doesNotContain("sharpeyes_secret", "IllegalStateException");
  }
}
