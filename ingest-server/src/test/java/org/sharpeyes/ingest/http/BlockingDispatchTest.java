package org.sharpeyes.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.ServerThreads;

/** Blocking route work behind a real HTTP listener, with a dispatch of one. */
class BlockingDispatchTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServerThreads threads = new ServerThreads();
  private final BlockingDispatch dispatch =
      new BlockingDispatch(
          threads.pool("test-http-worker", 1), new BlockingDispatch.Bounds(1, 1), registry);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> threadsSeen = new CopyOnWriteArrayList<>();
  private final RouterServer server =
      new RouterServer(
          router -> {
            router
                .get("/held/:id")
                .handler(
                    ctx ->
                        dispatch.respond(
                            ctx,
                            () -> {
                              threadsSeen.add("work " + Thread.currentThread().getName());
                              release.await(30, TimeUnit.SECONDS);
                              return ctx.pathParam("id");
                            },
                            id -> {
                              threadsSeen.add("reply " + Thread.currentThread().getName());
                              ctx.response().end(id);
                            }));
            router
                .get("/store-down")
                .handler(
                    ctx ->
                        dispatch.respond(
                            ctx,
                            () -> {
                              throw new SQLException(
                                  "connection refused to jdbc:postgresql://db?password=hunter2");
                            },
                            v -> ctx.response().end()));
            router
                .get("/bug")
                .handler(
                    ctx ->
                        dispatch.respond(
                            ctx,
                            () -> {
                              throw new IllegalStateException("index 7 out of bounds in Secret");
                            },
                            v -> ctx.response().end()));
          });

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    server.close();
    threads.close();
  }

  @Test
  void aRequestBeyondTheBoundIs503WithRetryAfterAndIsCountedForItsRoute() throws Exception {
    CompletableFuture<HttpResponse<String>> first = server.getLater("/held/a");
    await().until(() -> dispatch.pending() == 1);

    HttpResponse<String> refused = server.get("/held/b");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(refused.body());
    assertThat(problem.getString("type")).isEqualTo("https://sharpeyes.org/problems/busy");
    assertThat(problem.getString("title")).isEqualTo("Too busy");
    assertThat(problem.getInteger("status")).isEqualTo(503);
    assertThat(problem.getString("detail")).contains("1 requests are already being served");
    assertThat(registry.get("sharpeyes.api.busy").tag("route", "/held/{id}").counter().count())
        .isEqualTo(1);

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("a");
    await().until(() -> dispatch.pending() == 0);
    assertThat(server.get("/held/c").statusCode()).isEqualTo(200);
  }

  @Test
  void theWorkRunsOnAWorkerThreadAndTheReplyOnTheEventLoop() throws Exception {
    release.countDown();

    assertThat(server.get("/held/x").body()).isEqualTo("x");

    assertThat(threadsSeen)
        .satisfiesExactly(
            work -> assertThat(work).startsWith("work test-http-worker-"),
            reply -> assertThat(reply).startsWith("reply vert.x-eventloop-thread-"));
  }

  @Test
  void aStoreThatFailsIs503WithRetryAfterAndALogIdButNotTheStoresWords() throws Exception {
    HttpResponse<String> response = server.get("/store-down");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type"))
        .isEqualTo("https://sharpeyes.org/problems/store-unavailable");
    assertThat(problem.getString("instance")).startsWith("urn:uuid:");
    String id = problem.getString("instance").substring("urn:uuid:".length());
    assertThat(problem.getString("detail")).contains(id);
    assertThat(response.body()).doesNotContain("hunter2", "SQLException", "postgresql");
  }

  @Test
  void aBugIs500WithALogIdAndNeverTheExceptionOrItsStack() throws Exception {
    HttpResponse<String> response = server.get("/bug");

    assertThat(response.statusCode()).isEqualTo(500);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("type"))
        .isEqualTo("https://sharpeyes.org/problems/internal-error");
    assertThat(problem.getString("instance")).startsWith("urn:uuid:");
    assertThat(problem.fieldNames())
        .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance");
    assertThat(response.body())
        .doesNotContain("IllegalStateException", "Secret", "index 7", "java.lang");
    assertThat(dispatch.pending()).isZero();
  }
}
