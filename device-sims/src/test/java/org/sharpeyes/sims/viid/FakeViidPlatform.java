package org.sharpeyes.sims.viid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny GA/T 1400 platform for tests, on 127.0.0.1: demands HTTP Digest (MD5, qop=auth) from known
 * devices, checks every answer (realm, nonce, uri, increasing nc, response), keeps who is
 * registered, and answers objects one status each, as {@link #objectAnswer} decides. Its Digest
 * check is written here from RFC 7616, not borrowed from the simulator's client.
 */
public final class FakeViidPlatform implements AutoCloseable {

  static final String REALM = "fake-viid";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

  private final Map<String, String> passwords;
  private final AtomicInteger nonces = new AtomicInteger();
  private final Map<String, Long> lastNc = new ConcurrentHashMap<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();
  private volatile String nonce = newNonce();
  private volatile Set<String> staleNonces = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private int port;

  public final AtomicInteger registrations = new AtomicInteger();
  final AtomicInteger keepalives = new AtomicInteger();
  final AtomicInteger timeRequests = new AtomicInteger();
  final AtomicInteger unregistrations = new AtomicInteger();
  final AtomicInteger digestFailures = new AtomicInteger();
  public final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  public final List<JsonNode> objects = new CopyOnWriteArrayList<>();
  final List<String> userIdentify = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();

  /** The HTTP status object posts are answered with; 200 by default. */
  volatile int objectsHttpStatus = 200;

  /** The status code and string for one object; OK by default. */
  volatile Function<JsonNode, Object[]> objectAnswer = o -> new Object[] {0, "OK"};

  public FakeViidPlatform(Map<String, String> passwords) throws IOException {
    this.passwords = Map.copyOf(passwords);
    start(0);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The next answered request is told its nonce is stale. */
  void expireNonce() {
    staleNonces.add(nonce);
    nonce = newNonce();
  }

  /** Forgets every registration, as a platform restarted in between would. */
  void forgetDevices() {
    registered.clear();
  }

  /** Stops listening: connections are refused. */
  void stop() {
    server.stop(0);
  }

  /** Listens again on the same port, with nothing remembered. */
  void restart() throws IOException {
    registered.clear();
    lastNc.clear();
    nonce = newNonce();
    start(port);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void start(int onPort) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
    server.createContext("/VIID/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String device = authenticated(exchange);
      if (device == null) {
        return;
      }
      userIdentify.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Identify")));
      if ("POST".equals(exchange.getRequestMethod())) {
        contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      }
      JsonNode request = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
      switch (path) {
        case "/VIID/System/Register" -> {
          registered.add(device);
          registrations.incrementAndGet();
          answer(exchange, status(path, 0, "OK", device));
        }
        case "/VIID/System/Keepalive" -> {
          keepalives.incrementAndGet();
          answer(
              exchange,
              registered.contains(device)
                  ? status(path, 0, "OK", device)
                  : status(path, 4, "device not registered", device));
        }
        case "/VIID/System/UnRegister" -> {
          registered.remove(device);
          unregistrations.incrementAndGet();
          answer(exchange, status(path, 0, "OK", device));
        }
        case "/VIID/System/Time" -> {
          timeRequests.incrementAndGet();
          ObjectNode time = JSON.createObjectNode();
          time.putObject("SystemTimeObject")
              .put("VIIDServerID", "43070200005030000001")
              .put("TimeMode", "2")
              .put("LocalTime", "20261207120000")
              .put("TimeZone", "Asia/Shanghai");
          answer(exchange, time);
        }
        case "/VIID/MotorVehicles" -> objects(exchange, path, request, "MotorVehicle", device);
        case "/VIID/Faces" -> objects(exchange, path, request, "Face", device);
        default -> send(exchange, 404, "{}");
      }
    }
  }

  private void objects(
      HttpExchange exchange, String path, JsonNode request, String name, String device)
      throws IOException {
    if (!registered.contains(device)) {
      // as the edge does: a list with one status, for the device
      ObjectNode refused = JSON.createObjectNode();
      refused
          .putObject("ResponseStatusListObject")
          .putArray("ResponseStatusObject")
          .add(
              status(path, 4, "device " + device + " is not registered", device)
                  .get("ResponseStatusObject"));
      answer(exchange, refused);
      return;
    }
    if (objectsHttpStatus != 200) {
      byte[] refused = JSON.writeValueAsBytes(status(path, 1, "the request is too large", device));
      exchange.sendResponseHeaders(objectsHttpStatus, refused.length);
      exchange.getResponseBody().write(refused);
      return;
    }
    JsonNode list = request.path(name + "ListObject").path(name + "Object");
    batchSizes.add(list.size());
    ObjectNode root = JSON.createObjectNode();
    ArrayNode statuses =
        root.putObject("ResponseStatusListObject").putArray("ResponseStatusObject");
    for (JsonNode object : list) {
      objects.add(object);
      Object[] verdict = objectAnswer.apply(object);
      statuses.add(
          status(path, (Integer) verdict[0], (String) verdict[1], object.path(name + "ID").asText())
              .get("ResponseStatusObject"));
    }
    answer(exchange, root);
  }

  /** The device id when the request carries a valid Digest answer; else answers 401 itself. */
  private String authenticated(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Digest ")) {
      return challenge(exchange, false);
    }
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(header.substring(7));
    while (m.find()) {
      p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    String user = p.get("username");
    String password = passwords.get(user);
    if (!nonce.equals(p.get("nonce"))) {
      return challenge(exchange, staleNonces.contains(p.get("nonce")));
    }
    long nc = Long.parseLong(p.getOrDefault("nc", "0"), 16);
    String ncKey = user + "|" + nonce + "|" + p.get("cnonce");
    boolean ncIncreases = nc > lastNc.getOrDefault(ncKey, 0L);
    String uri = exchange.getRequestURI().toString();
    String expected =
        password == null
            ? null
            : md5(
                md5(user + ":" + REALM + ":" + password)
                    + ":"
                    + nonce
                    + ":"
                    + p.get("nc")
                    + ":"
                    + p.get("cnonce")
                    + ":auth:"
                    + md5(exchange.getRequestMethod() + ":" + uri));
    if (expected == null
        || !expected.equals(p.get("response"))
        || !REALM.equals(p.get("realm"))
        || !uri.equals(p.get("uri"))
        || !"auth".equals(p.get("qop"))
        || !ncIncreases) {
      digestFailures.incrementAndGet();
      return challenge(exchange, false);
    }
    lastNc.put(ncKey, nc);
    return user;
  }

  private String challenge(HttpExchange exchange, boolean stale) throws IOException {
    exchange
        .getResponseHeaders()
        .add(
            "WWW-Authenticate",
            "Digest realm=\""
                + REALM
                + "\", qop=\"auth\", nonce=\""
                + nonce
                + "\", opaque=\"op-1\", algorithm=MD5"
                + (stale ? ", stale=true" : ""));
    send(exchange, 401, "");
    return null;
  }

  private static ObjectNode status(String url, int code, String text, String id) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("ResponseStatusObject")
        .put("RequestURL", url)
        .put("StatusCode", code)
        .put("StatusString", text)
        .put("Id", id)
        .put("LocalTime", "20261207120000");
    return root;
  }

  private static void answer(HttpExchange exchange, ObjectNode body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/VIID+JSON;charset=UTF-8");
    send(exchange, 200, JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String newNonce() {
    return "n" + nonces.incrementAndGet() + "-" + System.nanoTime();
  }

  static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
