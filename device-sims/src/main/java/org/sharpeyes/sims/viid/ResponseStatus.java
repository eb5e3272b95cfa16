package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One GA/T 1400 {@code ResponseStatusObject}: the platform's verdict on one request or one object.
 *
 * @param requestUrl {@code RequestURL} as the platform wrote it
 * @param statusCode {@code StatusCode}: 0 OK, 1 other error, 2 device busy, 3 device error, 4
 *     invalid operation, 5/6 invalid XML format/content, 7/8 invalid JSON format/content, 9 reboot
 * @param statusString {@code StatusString}, the platform's reason
 * @param id {@code Id}: the object's id (e.g. a {@code FaceID}) or the device's
 */
public record ResponseStatus(String requestUrl, int statusCode, String statusString, String id) {

  public static final int OK = 0;
  public static final int DEVICE_BUSY = 2;
  public static final int INVALID_OPERATION = 4;
  public static final int REBOOT = 9;

  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean isOk() {
    return statusCode == OK;
  }

  /**
   * The statuses in an answer: every {@code ResponseStatusObject} of a {@code
   * ResponseStatusListObject}, or the one {@code ResponseStatusObject}.
   *
   * @throws IllegalArgumentException saying what is wrong when the body holds neither
   */
  public static List<ResponseStatus> parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the answer is not a JSON object");
    }
    List<ResponseStatus> out = new ArrayList<>();
    JsonNode list = root.get("ResponseStatusListObject");
    if (list != null) {
      JsonNode items = list.get("ResponseStatusObject");
      if (items != null && items.isArray()) {
        items.forEach(item -> out.add(of(item)));
      } else if (items != null && items.isObject()) {
        out.add(of(items));
      } else {
        throw new IllegalArgumentException(
            "ResponseStatusListObject has no ResponseStatusObject array");
      }
      return out;
    }
    JsonNode single = root.get("ResponseStatusObject");
    if (single == null || !single.isObject()) {
      throw new IllegalArgumentException(
          "the answer has neither ResponseStatusObject nor ResponseStatusListObject");
    }
    out.add(of(single));
    return out;
  }

  private static ResponseStatus of(JsonNode node) {
    JsonNode code = node.get("StatusCode");
    if (code == null || !(code.isInt() || code.isTextual() && code.asText().matches("\\d{1,4}"))) {
      throw new IllegalArgumentException("a ResponseStatusObject has no numeric StatusCode");
    }
    return new ResponseStatus(
        node.path("RequestURL").asText(""),
        code.asInt(),
        node.path("StatusString").asText(""),
        node.path("Id").asText(""));
  }
}
