package org.sharpeyes.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document promises the one error shape the server sends. */
class OpenApiDocumentTest {

  private static final String PROBLEM = "#/components/schemas/Problem";

  private static JsonObject document() throws Exception {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyErrorResponseOfEveryOperationIsAProblemExceptHealthWhichIsItsSummary()
      throws Exception {
    JsonObject doc = document();
    List<String> notProblems = new ArrayList<>();
    List<String> withoutDefault = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject responses = item.getJsonObject(method).getJsonObject("responses");
        if (!responses.containsKey("default")) {
          withoutDefault.add(method + " " + path);
        }
        for (String status : responses.fieldNames()) {
          boolean error = status.equals("default") || status.charAt(0) >= '4';
          boolean health = path.equals("/healthz") && status.equals("503");
          if (error && !health && !isProblem(doc, responses.getJsonObject(status))) {
            notProblems.add(method + " " + path + " " + status);
          }
        }
      }
    }

    assertThat(notProblems).isEmpty();
    assertThat(withoutDefault).isEmpty();
  }

  private static boolean isProblem(JsonObject doc, JsonObject response) {
    JsonObject r = response;
    if (r.containsKey("$ref")) {
      r = doc.getJsonObject("components").getJsonObject("responses");
      r = r.getJsonObject(response.getString("$ref").replace("#/components/responses/", ""));
    }
    JsonObject content = r.getJsonObject("content");
    return content != null
        && content.fieldNames().equals(java.util.Set.of(ProblemReplies.MEDIA_TYPE))
        && PROBLEM.equals(
            content
                .getJsonObject(ProblemReplies.MEDIA_TYPE)
                .getJsonObject("schema")
                .getString("$ref"));
  }

  @Test
  void theProblemSchemaHasTheMembersOfRfc9457AndTheValidationErrors() throws Exception {
    JsonObject problem =
        document().getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");

    assertThat(problem.getJsonObject("properties").fieldNames())
        .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
    assertThat(problem.getJsonArray("required").getList())
        .containsExactly("type", "title", "status", "detail");
  }
}
