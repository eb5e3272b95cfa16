package org.sharpeyes.schema.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventData;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted.PlateColor;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;

/**
 * Encodes {@link EdgeEvent}s as CloudEvents 1.0 structured JSON and decodes them back, rejecting
 * bad input with every problem and its path. Decoding never throws on any input. Thread-safe;
 * create one and share it (loading the schemas takes a few milliseconds).
 *
 * <p>Decoding parses the bytes once, into a tree that the schemas, {@link CloudEventsRules} (what
 * CloudEvents asks of an envelope beyond the schema) and the binding of {@code data} all read. The
 * CloudEvents SDK is used to encode only.
 */
public final class EventCodec {

  /** Media type of an encoded event (structured mode). */
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  private final CodecLimits limits;
  private final ObjectMapper mapper;
  private final JsonFormat format = new JsonFormat();
  private final SchemaValidator validator = new SchemaValidator();

  private static final Map<String, EventType> BY_CE_TYPE =
      Arrays.stream(EventType.values())
          .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

  public EventCodec() {
    this(CodecLimits.DEFAULTS);
  }

  public EventCodec(CodecLimits limits) {
    this.limits = limits;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxBytes())
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
  }

  public CodecLimits limits() {
    return limits;
  }

  /** A mapper configured like the codec's, for payload records (shared, thread-safe). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Encodes an event as CloudEvents structured JSON (UTF-8). */
  public byte[] encode(EdgeEvent event) {
    JsonNode data = mapper.valueToTree(event.data());
    CloudEvent ce =
        CloudEventBuilder.v1()
            .withId(event.id())
            .withSource(event.source())
            .withType(event.type().ceType())
            .withTime(event.time().atOffset(ZoneOffset.UTC))
            .withDataSchema(event.type().dataSchema())
            .withDataContentType("application/json")
            .withExtension("edgeid", event.edgeId())
            .withExtension("deviceid", event.deviceId())
            .withExtension("seq", Long.toString(event.seq())) // 64-bit: a string
            .withData(JsonCloudEventData.wrap(data))
            .build();
    return format.serialize(ce);
  }

  /** Decodes one message. Never throws; bad input yields {@link DecodeResult.Rejected}. */
  public DecodeResult decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return reject(RejectReason.MALFORMED_JSON, "$", "empty message");
    }
    if (bytes.length > limits.maxBytes()) {
      return reject(
          RejectReason.OVERSIZE,
          "$",
          "message is " + bytes.length + " bytes, the limit is " + limits.maxBytes());
    }
    int malformed = Utf8Validation.firstMalformed(bytes);
    if (malformed >= 0) {
      return reject(RejectReason.NOT_UTF8, "$", "not valid UTF-8 near byte " + malformed);
    }
    JsonNode root;
    try {
      root = mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      return reject(
          RejectReason.TOO_DEEP, "$", "nesting deeper than " + limits.maxDepth() + " levels");
    } catch (IOException e) {
      return reject(RejectReason.MALFORMED_JSON, "$", "not valid JSON: " + firstLine(e));
    }
    if (root == null || !root.isObject()) {
      return reject(RejectReason.MALFORMED_JSON, "$", "expected a JSON object");
    }
    return decodeTree(root);
  }

  private DecodeResult decodeTree(JsonNode root) {
    List<Problem> problems = validator.validateEnvelope(root);
    JsonNode typeNode = root.get("type");
    Optional<EventType> type =
        typeNode != null && typeNode.isTextual()
            ? Optional.ofNullable(BY_CE_TYPE.get(typeNode.asText()))
            : Optional.empty();
    if (typeNode != null && typeNode.isTextual() && type.isEmpty()) {
      return reject(
          RejectReason.UNKNOWN_TYPE,
          "type",
          "unknown event type '" + typeNode.asText() + "'; known: " + knownTypes());
    }
    CloudEventsRules.check(root, problems);
    JsonNode dataNode = root.get("data");
    if (type.isPresent() && dataNode != null && dataNode.isObject()) {
      problems.addAll(validator.validateData(type.get(), dataNode));
      checkConsistency(root, type.get(), problems);
      if (type.get() == EventType.VEHICLE_SIGHTED) {
        checkPlate(dataNode, problems);
      }
    }
    Instant time = CloudEventsRules.time(root, problems);
    if (!problems.isEmpty()) {
      return new DecodeResult.Rejected(RejectReason.INVALID_FIELDS, problems);
    }
    try {
      EventData data = mapper.treeToValue(dataNode, type.get().dataClass());
      EdgeEvent event =
          new EdgeEvent(
              root.get("id").asText(),
              root.get("edgeid").asText(),
              root.get("deviceid").asText(),
              Long.parseLong(root.get("seq").asText()),
              time,
              data);
      return new DecodeResult.Decoded(event);
    } catch (JsonProcessingException | RuntimeException e) {
      // The schemas should have caught this; report it rather than fail.
      return reject(RejectReason.INVALID_FIELDS, "$", "cannot bind event: " + firstLine(e));
    }
  }

  private static void checkConsistency(JsonNode root, EventType type, List<Problem> problems) {
    JsonNode schema = root.get("dataschema");
    if (schema != null
        && schema.isTextual()
        && !schema.asText().equals(type.dataSchema().toString())) {
      problems.add(
          new Problem("dataschema", "must be " + type.dataSchema() + " for type " + type.ceType()));
    }
    JsonNode source = root.get("source");
    JsonNode edge = root.get("edgeid");
    JsonNode device = root.get("deviceid");
    if (source != null && edge != null && device != null) {
      if (source.asText().equals("/edge/" + edge.asText() + "/device/" + device.asText())) {
        return; // what sourceOf would give back, or no URI at all (then the patterns report it)
      }
      String expected;
      try {
        expected = EdgeEvent.sourceOf(edge.asText(), device.asText()).toString();
      } catch (IllegalArgumentException e) {
        // edgeid or deviceid holds a character no URI may hold; their own patterns reported it.
        return;
      }
      if (!expected.equals(source.asText())) {
        problems.add(new Problem("source", "must be " + expected + " (from edgeid and deviceid)"));
      }
    }
  }

  /**
   * A {@code vehicle.sighted} must carry a plate by the national grammar, in a colour such a plate
   * can have: the edge refuses other reads, and the server dead-letters events that still carry
   * one.
   */
  private static void checkPlate(JsonNode data, List<Problem> problems) {
    JsonNode number = data.get("plateNumber");
    if (number == null || !number.isTextual()) {
      return; // the schema reported it
    }
    PlateParse parse = PlateNumber.parse(number.asText());
    if (parse instanceof PlateParse.Refused refused) {
      problems.add(new Problem("data.plateNumber", refused.message()));
      return;
    }
    JsonNode color = data.get("plateColor");
    if (color == null || !color.isTextual()) {
      return;
    }
    PlateNumber plate = ((PlateParse.Parsed) parse).plate();
    for (PlateColor c : PlateColor.values()) {
      if (PlateNumber.colorWord(c).equals(color.asText())) {
        plate.colorProblem(c).ifPresent(p -> problems.add(new Problem("data.plateColor", p)));
      }
    }
  }

  private static DecodeResult reject(RejectReason reason, String path, String message) {
    return new DecodeResult.Rejected(reason, List.of(new Problem(path, message)));
  }

  private static String knownTypes() {
    return String.join(", ", Arrays.stream(EventType.values()).map(EventType::ceType).toList());
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
