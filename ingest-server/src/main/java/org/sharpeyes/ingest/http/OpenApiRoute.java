package org.sharpeyes.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3 description of the HTTP API, shipped in the jar, at {@code /openapi.json}.
 */
public final class OpenApiRoute {

  /** Classpath resource of the document. */
  public static final String RESOURCE = "/openapi.json";

  private final Buffer document;

  public OpenApiRoute() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      document = Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void mount(Router router) {
    router
        .get("/openapi.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(document));
  }
}
