package org.sharpeyes.edge.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sharpeyes.edge.adapter.AdapterContext;
import org.sharpeyes.edge.adapter.DeviceConfig;
import org.sharpeyes.edge.adapter.viid.ViidAdapter;
import org.sharpeyes.edge.adapter.viid.ViidAdapterConfig;
import org.sharpeyes.edge.outbox.EventSink;
import org.sharpeyes.edge.outbox.SinkResult;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * GA/T 1400 pushes at the edge (not part of the test run): {@code clients} connections of one
 * registered camera post {@code /VIID/MotorVehicles} with {@code perRequest} vehicles, each with a
 * 100 KB plate picture, for {@code seconds}; prints requests/s and objects/s. The sink accepts
 * every event at once, so this measures the listener, Digest-registered session, JSON and base64
 * reading and the mapping, not the disk outbox (see the outbox figures in {@code
 * docs/performance.md}). Arguments: {@code clients perRequest seconds}, defaults {@code 4 1 10}.
 *
 * <pre>
 * java -cp "$CLASSPATH" org.sharpeyes.edge.bench.ViidPushBench 4 1 10
 * </pre>
 */
public final class ViidPushBench {

  static final String CAMERA = "43070200001320000201";
  static final String PASSWORD = "bench-Pa55";
  static final int PICTURE_BYTES = 100 * 1024;

  private ViidPushBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int perRequest = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    AtomicLong events = new AtomicLong();
    EventSink sink =
        new EventSink() {
          @Override
          public CompletionStage<SinkResult> offer(EdgeEvent event, byte[] snapshotJpeg) {
            return CompletableFuture.completedFuture(
                new SinkResult.Accepted(events.incrementAndGet()));
          }
        };
    EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService blocking = Executors.newCachedThreadPool();
    ViidAdapterConfig config =
        ViidAdapterConfig.of(0, List.of(new ViidAdapterConfig.Device(CAMERA, "PW")));
    config =
        new ViidAdapterConfig(
            "127.0.0.1",
            0,
            config.devices(),
            config.keepaliveTimeout(),
            config.nonceLifetime(),
            config.zone(),
            config.limits(),
            null,
            config.maxConnections(),
            config.idleTimeout());
    AdapterContext context =
        AdapterContext.builder("edge-bench", sink)
            .io(io)
            .scheduler(scheduler)
            .blocking(blocking)
            .environment(Map.of("PW", PASSWORD))
            .build();
    ViidAdapter adapter =
        new ViidAdapter(
            new DeviceConfig("43070200002000000001", "bench", null, config), config, context);
    adapter.start().get(10, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + adapter.boundPort();
    register(base);
    byte[] picture = new byte[PICTURE_BYTES];
    new java.util.Random(7).nextBytes(picture);
    picture[0] = (byte) 0xFF;
    picture[1] = (byte) 0xD8;
    String data = Base64.getEncoder().encodeToString(picture);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      run(base, pool, clients, perRequest, 2, data); // warm-up
      long before = events.get();
      long t0 = System.nanoTime();
      long[] counts = run(base, pool, clients, perRequest, seconds, data);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "clients=%d perRequest=%d picture=%dKB: %.0f requests/s, %.0f objects/s,"
              + " %.1f MB/s of body; %d refused statuses; events %d%n",
          clients,
          perRequest,
          PICTURE_BYTES / 1024,
          counts[0] / elapsed,
          counts[1] / elapsed,
          counts[2] / elapsed / 1e6,
          counts[3],
          events.get() - before);
    } finally {
      pool.shutdownNow();
      adapter.stop().get(10, TimeUnit.SECONDS);
      io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      scheduler.shutdownNow();
      blocking.shutdownNow();
    }
  }

  /** Returns {requests, objects, body bytes, refused} over all clients. */
  private static long[] run(
      String base, ExecutorService pool, int clients, int perRequest, int seconds, String data)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong serial = new AtomicLong();
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      results.add(
          pool.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] n = new long[4];
                while (System.nanoTime() < end) {
                  String body = body(perRequest, serial, data);
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(URI.create(base + "/VIID/MotorVehicles"))
                              .header("Content-Type", "application/VIID+JSON;charset=UTF-8")
                              .header("User-Identify", CAMERA)
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  n[0]++;
                  n[1] += perRequest;
                  n[2] += body.length();
                  n[3] += count(r.body(), "\"StatusCode\":") - count(r.body(), "\"StatusCode\":0");
                }
                return n;
              }));
    }
    long[] total = new long[4];
    for (Future<long[]> f : results) {
      long[] n = f.get();
      for (int i = 0; i < 4; i++) {
        total[i] += n[i];
      }
    }
    return total;
  }

  private static String body(int perRequest, AtomicLong serial, String data) {
    String time =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneId.of("Asia/Shanghai"))
            .format(Instant.now());
    StringBuilder b = new StringBuilder("{\"MotorVehicleListObject\":{\"MotorVehicleObject\":[");
    for (int i = 0; i < perRequest; i++) {
      String s = String.format("%05d", serial.incrementAndGet() % 100_000);
      String source = CAMERA + "02" + time + s;
      b.append(i == 0 ? "" : ",")
          .append("{\"MotorVehicleID\":\"")
          .append(source)
          .append("02")
          .append(s)
          .append("\",\"DeviceID\":\"")
          .append(CAMERA)
          .append("\",\"PlateNo\":\"湘A")
          .append(s)
          .append("\",\"PlateColor\":\"5\",")
          .append("\"PlateClass\":\"02\",\"LaneNo\":1,\"Speed\":50,\"PassTime\":\"")
          .append(time)
          .append("\",\"SubImageList\":{\"SubImageInfoObject\":[{\"ImageID\":\"")
          .append(source)
          .append("\",\"Type\":\"02\",\"FileFormat\":\"Jpeg\",\"ShotTime\":\"")
          .append(time)
          .append("\",\"Data\":\"")
          .append(data)
          .append("\"}]}}");
    }
    return b.append("]}}").toString();
  }

  private static void register(String base) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = "{\"RegisterObject\":{\"DeviceID\":\"" + CAMERA + "\"}}";
    String uri = "/VIID/System/Register";
    HttpResponse<String> challenge =
        http.send(
            HttpRequest.newBuilder(URI.create(base + uri))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String h = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
    String realm = param(h, "realm");
    String nonce = param(h, "nonce");
    String ha1 = md5(CAMERA + ":" + realm + ":" + PASSWORD);
    String ha2 = md5("POST:" + uri);
    String response = md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
    String auth =
        "Digest username=\""
            + CAMERA
            + "\", realm=\""
            + realm
            + "\", nonce=\""
            + nonce
            + "\", uri=\""
            + uri
            + "\", qop=auth, nc=00000001, cnonce=\"c0ffee\", response=\""
            + response
            + "\", opaque=\""
            + param(h, "opaque")
            + "\"";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + uri))
                .header("Authorization", auth)
                .header("User-Identify", CAMERA)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (!r.body().contains("\"StatusCode\":0")) {
      throw new IllegalStateException("register failed: " + r.statusCode() + " " + r.body());
    }
  }

  private static String param(String header, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + header);
    }
    return m.group(1);
  }

  private static String md5(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
