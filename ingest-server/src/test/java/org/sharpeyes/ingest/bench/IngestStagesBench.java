package org.sharpeyes.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.reference.DeviceLocation;
import org.sharpeyes.ingest.reference.GridCell;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.schema.codec.DecodeResult;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;
import org.sharpeyes.schema.event.EventType;
import org.sharpeyes.schema.event.VehicleSighted;
import org.sharpeyes.schema.plate.PlateNumber;
import org.sharpeyes.schema.plate.PlateParse;
import org.sharpeyes.schema.topic.TopicAddress;
import org.sharpeyes.schema.topic.Topics;

/**
 * The ingest path's stages that need no database, for one {@code vehicle.sighted} of the demo city
 * (docs/performance.md, "Ingest stages (issue 14)"). Each operation takes the next event of a mix
 * of 100 (one in ten hotlisted), so the figures are for varied input, not one cached message.
 *
 * <p>{@code decode} is the server's whole {@link EventCodec#decode}; the {@code decode*} parts
 * repeat its steps one by one (same mapper, the shipped schema files through the same validator
 * library and settings, the same CloudEvents format) so the share of each can be read off. The
 * database stages are in {@link IngestStoreStagesBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class IngestStagesBench {

  private EventCodec codec;
  private ObjectMapper mapper;
  private JsonFormat format;
  private ObjectMapper cloudEventsMapper;
  private JsonSchema envelope;
  private JsonSchema vehicleData;
  private ReferenceData reference;
  private StageEvents mix;
  private final JsonNode[] trees = new JsonNode[StageEvents.MIX];
  private final String[] topics = new String[StageEvents.MIX];
  private final Instant receivedAt = Instant.now();
  private int next;

  @Setup
  public void setUp() throws IOException {
    codec = new EventCodec();
    mapper = codec.mapper();
    format = new JsonFormat();
    cloudEventsMapper =
        JsonMapper.builder().addModule(JsonFormat.getCloudEventJacksonModule()).build();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    envelope = schema(factory, config, "/schemas/v1/envelope.json");
    vehicleData = schema(factory, config, EventType.VEHICLE_SIGHTED.schemaResource());
    reference = DemoCity.data();
    mix = new StageEvents(reference, codec, Instant.now(), 14);
    for (int i = 0; i < StageEvents.MIX; i++) {
      if (!(codec.decode(mix.payload(i)) instanceof DecodeResult.Decoded)) {
        throw new IllegalStateException(
            "the server refuses event " + i + ": " + codec.decode(mix.payload(i)));
      }
      trees[i] = mapper.readTree(mix.payload(i));
      EdgeEvent e = mix.event(i);
      topics[i] = Topics.events(e.edgeId(), e.type());
    }
    System.out.printf(
        "%n%d events, %.0f bytes on average%n", StageEvents.MIX, mix.meanPayloadBytes());
  }

  private int next() {
    next = next == StageEvents.MIX - 1 ? 0 : next + 1;
    return next;
  }

  /** The whole decode: UTF-8 check, readTree, schemas, the CloudEvents rules, binding. */
  @Benchmark
  public DecodeResult decode() {
    return codec.decode(mix.payload(next()));
  }

  @Benchmark
  public CharBuffer decodeUtf8Check() throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(mix.payload(next())));
  }

  @Benchmark
  public JsonNode decodeReadTree() throws IOException {
    return mapper.readTree(mix.payload(next()));
  }

  @Benchmark
  public Set<ValidationMessage> decodeSchemaEnvelope() {
    return envelope.validate(trees[next()]);
  }

  @Benchmark
  public Set<ValidationMessage> decodeSchemaData() {
    return vehicleData.validate(trees[next()].get("data"));
  }

  /** The plate grammar check the codec adds for {@code vehicle.sighted}. */
  @Benchmark
  public PlateParse decodePlateCheck() {
    return PlateNumber.parse(trees[next()].get("data").get("plateNumber").asText());
  }

  /** The CloudEvents SDK reading the bytes again, as the codec did before issue 14. */
  @Benchmark
  public CloudEvent decodeCloudEventsParse() {
    return format.deserialize(mix.payload(next()));
  }

  /** The same CloudEvents reading from the tree already parsed (no second parse of the bytes). */
  @Benchmark
  public CloudEvent decodeCloudEventsFromTree() throws IOException {
    return cloudEventsMapper.treeToValue(trees[next()], CloudEvent.class);
  }

  @Benchmark
  public VehicleSighted decodeBindData() throws IOException {
    return mapper.treeToValue(trees[next()].get("data"), VehicleSighted.class);
  }

  /** The topic check of the triage (edge and kind from the topic). */
  @Benchmark
  public Optional<TopicAddress> topicParse() {
    return Topics.parse(topics[next()]);
  }

  @Benchmark
  public EventRow rowBuild() {
    int i = next();
    return EventRow.of(mix.event(i), mix.payload(i), receivedAt);
  }

  /** Device → grid cell and region chain, as an alert is placed (hash lookups). */
  @Benchmark
  public Optional<DeviceLocation> enrichDevice() {
    return reference.locate(mix.event(next()).deviceId());
  }

  /** A point → grid cell through the JTS STR-tree (done once per device at load time). */
  @Benchmark
  public Optional<GridCell> enrichGridByPoint() {
    var device = reference.device(mix.event(next()).deviceId()).orElseThrow();
    return reference.grids().locate(device.lat(), device.lon());
  }

  private static JsonSchema schema(
      JsonSchemaFactory factory, SchemaValidatorsConfig config, String resource) {
    try (InputStream in = EventCodec.class.getResourceAsStream(resource)) {
      return factory.getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
