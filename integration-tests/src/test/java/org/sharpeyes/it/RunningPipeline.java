package org.sharpeyes.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sharpeyes.edge.EdgeAgent;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.GeoPoint;
import org.sharpeyes.edge.adapter.plate.PlateReaderAdapterConfig;
import org.sharpeyes.edge.config.EdgeAgentConfig;
import org.sharpeyes.ingest.IngestServer;
import org.sharpeyes.ingest.StandardExtensions;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.edgeaccount.NewEdgeAccount;
import org.sharpeyes.schema.topic.Topics;

/**
 * The product's spine as a test starts it: an ingest-server (with the demo city's reference data
 * and its demo accounts) and one edge-agent with one plate reader, on the broker and store of a
 * {@link TestPair}. Everything listens on free loopback ports; edge and client ids are unique per
 * run so that runs on a shared Mosquitto do not see each other. The API is read as the city
 * supervisor ({@link DemoAccount#CITY_SUPERVISOR}) unless a test names another account.
 */
final class RunningPipeline implements AutoCloseable {

  /** 火车站卡口, a plate reader in 桂园社区 (430702002001), 武陵区. */
  static final String PLATE_READER = "43070200001320000101";

  static final Path DEMO_CITY = Path.of("..", "config", "demo-city").toAbsolutePath().normalize();

  /** The demo city's accounts ({@link DemoAccount}), created by the server at start. */
  static final Path DEMO_USERS = DEMO_CITY.resolve("users.yaml");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_ENV = "SHARPEYES_MQTT_USERNAME";
  private static final String PASSWORD_ENV = "SHARPEYES_MQTT_PASSWORD";

  final TestPair pair;
  final String edgeId = TestPair.uniqueName("it-edge-");
  final String ingestClientId = TestPair.uniqueName("it-ingest-");
  final HttpClient http = HttpClient.newHttpClient();
  private final String databaseName = TestPair.uniqueName("sharpeyes_it_");
  private final IngestServer server;
  private final EdgeAgent agent;

  /** The edge's broker password on the embedded broker with security on, else {@code null}. */
  private String edgePassword;

  /** {@code Bearer …} per account, each logged in once; tokens outlive any one test class. */
  private final Map<DemoAccount, String> authorizations = new ConcurrentHashMap<>();

  /** Enrolment photo digests the test published; cleared from a shared broker at the end. */
  final List<String> enrolledPhotos = new CopyOnWriteArrayList<>();

  RunningPipeline(TestPair pair, Path dataDir) throws Exception {
    this(
        pair,
        dataDir,
        new DeviceConfig(
            PLATE_READER,
            "火车站卡口",
            new GeoPoint(29.0435, 111.68),
            PlateReaderAdapterConfig.onPort(0)));
  }

  RunningPipeline(TestPair pair, Path dataDir, DeviceConfig... devices) throws Exception {
    this(pair, dataDir, UnaryOperator.identity(), devices);
  }

  /**
   * @param serverConfig changes to the server's test config (e.g. rule parameters)
   */
  RunningPipeline(
      TestPair pair,
      Path dataDir,
      UnaryOperator<IngestServerConfig> serverConfig,
      DeviceConfig... devices)
      throws Exception {
    this(pair, dataDir, serverConfig, UnaryOperator.identity(), Map.of(), devices);
  }

  /**
   * @param serverConfig changes to the server's test config (e.g. rule parameters)
   * @param edgeConfig changes to the edge's config (e.g. its health section)
   * @param deviceEnvironment variables the devices' sections name (e.g. a GA/T 1400 camera's
   *     password), handed to the edge as an installer would set them
   */
  RunningPipeline(
      TestPair pair,
      Path dataDir,
      UnaryOperator<IngestServerConfig> serverConfig,
      UnaryOperator<EdgeAgentConfig> edgeConfig,
      Map<String, String> deviceEnvironment,
      DeviceConfig... devices)
      throws Exception {
    this.pair = pair;
    IngestServerConfig base = IngestServerConfig.ephemeral(dataDir).withReferenceData(DEMO_CITY);
    IngestServerConfig config =
        serverConfig.apply(base.withAuth(base.auth().withSeedUsers(DEMO_USERS)));
    config = config.withBroker(config.broker().withClientId(ingestClientId));
    if (pair.externalBroker().isPresent()) {
      config = config.withExternalBroker(pair.externalBroker().get());
    }
    if (pair.adminJdbcUrl().isPresent()) {
      config = config.withJdbcUrl(TestPair.createDatabase(pair.adminJdbcUrl().get(), databaseName));
    }
    server = IngestServer.start(config, Clock.systemUTC(), StandardExtensions.all());
    await("ingest-server subscribed").atMost(Duration.ofSeconds(20)).until(server::brokerConnected);

    EdgeAgentConfig edge =
        edgeConfig.apply(
            EdgeAgentConfig.of(edgeId, server.brokerUrl(), devices)
                .withEphemeralPorts()
                .withOutboxPath(dataDir.resolve("edge-outbox.db")));
    Map<String, String> env = new HashMap<>(deviceEnvironment);
    if (server.brokerGuard() != null) {
      // The embedded broker has security on: the edge logs in with an account of its own, handed
      // over as an operator would, through the variables its broker section names.
      NewEdgeAccount account = server.edgeAccounts().add(edgeId, "it", "test");
      edge = edge.withBroker(edge.broker().withCredentials(USER_ENV, PASSWORD_ENV));
      env.put(USER_ENV, account.edgeId());
      env.put(PASSWORD_ENV, account.password());
      edgePassword = account.password();
    }
    agent = EdgeAgent.builder(edge).clock(Clock.systemUTC()).environment(env).start();
    await("edge-agent connected").atMost(Duration.ofSeconds(20)).until(agent::isConnected);
  }

  URI plateEndpoint() {
    return plateEndpoint(PLATE_READER);
  }

  /** Where the plate reader {@code deviceId} of the edge pushes its reads. */
  URI plateEndpoint(String deviceId) {
    return URI.create("http://127.0.0.1:" + agent.devicePort(deviceId) + "/plates");
  }

  URI api(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery);
  }

  URI alertStream(String region) {
    return api("/api/alerts/stream?region=" + region);
  }

  String brokerUrl() {
    return server.brokerUrl();
  }

  /** True when the broker is the embedded one with its security on (accounts needed). */
  boolean brokerSecured() {
    return server.brokerGuard() != null;
  }

  /** The Authorization header's value for {@code account}, logging it in the first time. */
  String authorization(DemoAccount account) {
    return authorizations.computeIfAbsent(account, a -> a.authorization(api("/")));
  }

  /** A request to the API as the city supervisor. */
  HttpRequest.Builder request(String pathAndQuery) {
    return requestAs(DemoAccount.CITY_SUPERVISOR, pathAndQuery);
  }

  HttpRequest.Builder requestAs(DemoAccount account, String pathAndQuery) {
    return HttpRequest.newBuilder(api(pathAndQuery))
        .header("Authorization", authorization(account));
  }

  /** The city supervisor's live feed of {@code region}, already open. */
  AlertFeedRecorder alertFeed(String region) throws Exception {
    return new AlertFeedRecorder(
        http, alertStream(region), authorization(DemoAccount.CITY_SUPERVISOR));
  }

  /** {@code account}'s live feed of its whole jurisdiction, already open. */
  AlertFeedRecorder alertFeedOf(DemoAccount account) throws Exception {
    return new AlertFeedRecorder(http, api("/api/alerts/stream"), authorization(account));
  }

  /** A 200 answer's JSON, read as the city supervisor. */
  JsonNode getJson(String pathAndQuery) throws Exception {
    return getJsonAs(DemoAccount.CITY_SUPERVISOR, pathAndQuery);
  }

  JsonNode getJsonAs(DemoAccount account, String pathAndQuery) throws Exception {
    HttpResponse<String> r = getAs(account, pathAndQuery);
    if (r.statusCode() != 200) {
      throw new AssertionError(
          pathAndQuery + " as " + account.name() + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  HttpResponse<String> getAs(DemoAccount account, String pathAndQuery) throws Exception {
    return http.send(
        requestAs(account, pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET without any Authorization header, as a stranger on the network would send it. */
  HttpResponse<String> getAnonymously(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api(pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  EdgeAgent agent() {
    return agent;
  }

  /**
   * Publishes raw bytes as a misbehaving edge would: on the embedded broker, with this pipeline's
   * edge account, so only on that edge's topics.
   */
  void publishRaw(String topic, byte[] payload) throws MqttException {
    try (MqttClient client =
        new MqttClient(brokerUrl(), TestPair.uniqueName("it-raw-"), new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      if (edgePassword != null) {
        options.setUserName(edgeId);
        options.setPassword(edgePassword.toCharArray());
      }
      client.connect(options);
      client.publish(topic, payload, 1, false);
      client.disconnect();
    }
  }

  @Override
  public void close() throws Exception {
    agent.close();
    server.close();
    if (pair.externalBroker().isPresent()) {
      forgetOnSharedBroker();
    }
    if (pair.adminJdbcUrl().isPresent()) {
      TestPair.dropDatabase(pair.adminJdbcUrl().get(), databaseName);
    }
  }

  /** Leaves nothing behind on a shared broker: the server's session and the edge's status. */
  private void forgetOnSharedBroker() throws MqttException, java.io.IOException {
    String url = pair.externalBroker().get().toString();
    try (MqttClient client = new MqttClient(url, ingestClientId, new MemoryPersistence())) {
      MqttConnectOptions clean = new MqttConnectOptions();
      clean.setCleanSession(true);
      client.connect(clean);
      client.publish(Topics.status(edgeId), new byte[0], 1, true);
      // The watchlist the server sent: to this edge, to the demo city's edges, and its photos.
      Set<String> edges = new TreeSet<>(List.of(edgeId));
      List<String> devices = Files.readAllLines(DEMO_CITY.resolve("devices.csv"));
      devices.subList(1, devices.size()).forEach(line -> edges.add(line.split(",")[2]));
      for (String edge : edges) {
        client.publish(Topics.sync(edge, Topics.WATCHLIST), new byte[0], 1, true);
      }
      for (String sha : enrolledPhotos) {
        client.publish(Topics.watchlistPhoto(sha), new byte[0], 1, true);
      }
      client.disconnect();
    }
  }
}
