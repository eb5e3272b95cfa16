package org.sharpeyes.sims.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedLoginTest {

  private HttpServer server;
  private final List<String> loginBodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/auth/login",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          loginBodies.add(body);
          boolean right = body.contains("\"password\":\"correct horse\"");
          byte[] reply =
              (right
                      ? "{\"accessToken\":\"tok-123\",\"tokenType\":\"Bearer\"}"
                      : "{\"status\":401,\"detail\":\"wrong user name or password\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(right ? 200 : 401, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI stream() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/alerts/stream");
  }

  @Test
  void aTokenFromTheEnvironmentIsSentAsItIs() {
    String header =
        FeedLogin.authorization(
            stream(), "FEED_TOKEN", null, null, Map.of("FEED_TOKEN", "abc")::get);

    assertThat(header).isEqualTo("Bearer abc");
    assertThat(loginBodies).isEmpty();
  }

  @Test
  void aUserLogsInAtTheFeedsServerWithThePasswordFromTheEnvironment() {
    String header =
        FeedLogin.authorization(
            stream(), null, "li.ming", "PW", Map.of("PW", "correct horse")::get);

    assertThat(header).isEqualTo("Bearer tok-123");
    assertThat(loginBodies).singleElement().asString().contains("\"username\":\"li.ming\"");
  }

  @Test
  void aRefusedLoginStopsTheRunWithTheServersReason() {
    assertThatThrownBy(
            () ->
                FeedLogin.authorization(stream(), null, "li.ming", "PW", Map.of("PW", "nope")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("401")
        .hasMessageContaining("wrong user name or password");
  }

  @Test
  void anUnsetVariableIsNamed() {
    assertThatThrownBy(
            () ->
                FeedLogin.authorization(
                    stream(), "NOT_SET", null, null, Map.<String, String>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOT_SET");
  }

  @Test
  void withoutTokenOrUserNothingIsSent() {
    assertThat(FeedLogin.authorization(stream(), null, null, "PW", Map.<String, String>of()::get))
        .isNull();
  }
}
