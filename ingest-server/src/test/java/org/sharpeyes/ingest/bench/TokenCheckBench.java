package org.sharpeyes.ingest.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.ingest.access.Clearance;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.alert.TestDatabase;
import org.sharpeyes.ingest.api.AlertApi;
import org.sharpeyes.ingest.auth.AccessGate;
import org.sharpeyes.ingest.auth.AuthModule;
import org.sharpeyes.ingest.auth.Authenticator;
import org.sharpeyes.ingest.auth.LoginService;
import org.sharpeyes.ingest.auth.Principal;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.SeedUsers;
import org.sharpeyes.ingest.auth.TestTokens;
import org.sharpeyes.ingest.auth.UserAdmin;
import org.sharpeyes.ingest.config.AuthConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.reference.DemoCity;
import org.sharpeyes.ingest.rule.Sightings;
import org.sharpeyes.ingest.store.EventRow;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.schema.codec.EventCodec;
import org.sharpeyes.schema.event.EdgeEvent;

/**
 * What the token check adds to {@code GET /api/alerts} (issue 11): one alert module and one {@link
 * AlertApi} over an H2 database with the demo city's alerts, mounted on two routers built alike
 * (problem replies, the {@link AccessGate} with the standard route policy, the alert routes), each
 * behind its own HTTP server on loopback. They differ only in the gate's {@link Authenticator}:
 *
 * <ul>
 *   <li><b>jwt</b>: the server's {@code TokenAuthenticator} from {@link AuthModule} (ES256 JWT
 *       signature, expiry, claims, revocations and the user's epoch checked on every request), with
 *       a token from a real login of a city supervisor;
 *   <li><b>map</b>: {@link TestTokens}, a map lookup of a fixed token to the same {@link
 *       Principal}.
 * </ul>
 *
 * After a warm-up of both, rounds alternate jwt, map, jwt, map…; each round sends {@code requests}
 * sequential requests on one keep-alive connection, then {@code clients} concurrent clients send
 * {@code requests} each. Every answer must be 200. Prints per round and the medians over rounds of
 * p50, p99 and requests/s. A measurement harness (a {@code main}), not a test; docs/performance.md
 * says how it is run.
 *
 * <p>Arguments, all optional: {@code rounds=6 requests=2000 clients=4 warmup=5000}.
 */
public final class TokenCheckBench {

  private static final Instant DEMO_DAY = Instant.parse("2026-11-27T08:00:00Z");
  private static final String PASSWORD = "bench-password-2026";

  private TokenCheckBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, Integer> opts = options(args);
    int rounds = opts.getOrDefault("rounds", 6);
    int requests = opts.getOrDefault("requests", 2000);
    int clients = opts.getOrDefault("clients", 4);
    int warmup = opts.getOrDefault("warmup", 5000);

    Vertx vertx = Vertx.vertx();
    TestDatabase db = TestDatabase.h2();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ServerThreads threads = new ServerThreads();
    BlockingDispatch.Bounds bounds = BlockingDispatch.Bounds.DEFAULT;
    BlockingDispatch dispatch =
        new BlockingDispatch(threads.pool("bench-http", bounds.threads()), bounds, registry);
    Clock demoClock = Clock.fixed(DEMO_DAY, ZoneOffset.UTC);
    AlertSettings settings = AlertSettings.defaults();
    AlertModule alerts =
        new AlertModule(
            db.dataSource(),
            DemoCity.DIR,
            demoClock,
            registry,
            settings,
            threads.scheduler("bench-rule"));
    AlertApi api =
        new AlertApi(
            vertx, alerts, db.dataSource(), demoClock, registry, settings, dispatch, entry -> {});
    seedAlerts(db, alerts);

    Path dataDir = Files.createTempDirectory("token-bench");
    AuthModule auth =
        AuthModule.start(
            benchAuthConfig(),
            dataDir,
            db.dataSource(),
            DemoCity.data().regions(),
            vertx,
            Clock.systemUTC(),
            registry,
            entry -> {},
            threads.scheduler("bench-auth"),
            dispatch,
            Map.of(
                SeedUsers.ADMIN_USER_ENV, "bench.admin", SeedUsers.ADMIN_PASSWORD_ENV, PASSWORD));
    UserAdmin.Actor admin = new UserAdmin.Actor("bench.admin", "127.0.0.1", Role.ADMIN, "430700");
    auth.admin()
        .add(
            admin,
            new UserAdmin.NewUser(
                "bench.supervisor", PASSWORD, Role.SUPERVISOR, "430700", Clearance.FULL));
    LoginService.Outcome login = auth.logins().login("bench.supervisor", PASSWORD, "127.0.0.1");
    String jwt = ((LoginService.Granted) login).tokens().access().token();
    Principal supervisor = auth.authenticator().verified(jwt).orElseThrow().principal();
    TestTokens fixed = new TestTokens();
    String fixedToken = fixed.tokenOf(supervisor);

    HttpServer jwtServer = serve(vertx, router(vertx, api, auth.authenticator(), registry));
    HttpServer mapServer = serve(vertx, router(vertx, api, fixed, registry));
    Variant jwtVariant = new Variant("jwt", jwtServer.actualPort(), jwt);
    Variant mapVariant = new Variant("map", mapServer.actualPort(), fixedToken);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Load load = new Load(http);

    HttpResponse<byte[]> sample = load.get(jwtVariant);
    int listed =
        new JsonObject(new String(sample.body(), StandardCharsets.UTF_8)).getInteger("count", 0);
    System.out.printf(
        "GET /api/alerts as %s (%s, %s): %d alerts, %d bytes; JWT %d characters; %d cores, %s%n",
        supervisor.name(),
        supervisor.role().label(),
        supervisor.jurisdiction(),
        listed,
        sample.body().length,
        jwt.length(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    if (listed == 0) {
      throw new IllegalStateException("the alert list answer is empty");
    }
    System.out.printf(
        "bare JCA SHA256withECDSA (P-256) verify of the token's signed part, median of %d: %.3f ms%n",
        warmup, bareVerifyNanos(jwt.substring(0, jwt.lastIndexOf('.')), warmup) / 1e6);
    System.out.printf("warm-up: %d requests each, sequential and concurrent%n", warmup);
    for (Variant v : List.of(jwtVariant, mapVariant)) {
      load.sequential(v, warmup);
      load.concurrent(v, clients, warmup / clients);
    }

    Results results = new Results();
    System.out.printf(
        "%n%-5s %-4s | %-36s | %-36s%n",
        "round", "auth", "sequential: p50 / p99, req/s", clients + " clients: p50 / p99, req/s");
    for (int round = 1; round <= rounds; round++) {
      for (Variant v : List.of(jwtVariant, mapVariant)) {
        Load.Run seq = load.sequential(v, requests);
        Load.Run conc = load.concurrent(v, clients, requests);
        results.add(v.name(), seq, conc);
        System.out.printf("%-5d %-4s | %s | %s%n", round, v.name(), seq, conc);
      }
    }
    results.printMedians(rounds, requests, clients);

    api.close();
    auth.close();
    alerts.close();
    await(vertx.close());
    threads.close();
    db.close();
  }

  /**
   * What the signature check alone costs on this JVM: the median of {@code n} verifications of a
   * signature over {@code signed} (a fresh P-256 key of the same curve; JCA as vertx-auth-jwt
   * uses).
   */
  private static double bareVerifyNanos(String signed, int n) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    byte[] data = signed.getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(data);
    byte[] signature = signer.sign();
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(pair.getPublic());
      verifier.update(data);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException("the signature does not verify");
      }
      nanos[i] = System.nanoTime() - t;
    }
    java.util.Arrays.sort(nanos);
    return nanos[n / 2];
  }

  /** The alert routes behind the gate, built the same for both variants. */
  private static Router router(
      Vertx vertx, AlertApi api, Authenticator authenticator, SimpleMeterRegistry registry) {
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    AccessGate.install(router, authenticator, RoutePolicy.standard(false), registry);
    api.mount(router);
    return router;
  }

  private static HttpServer serve(Vertx vertx, Router router) throws Exception {
    return await(
        vertx
            .createHttpServer(IngestHttpServer.options("127.0.0.1", 0))
            .requestHandler(router)
            .listen());
  }

  /** The defaults, but tokens that outlive the run (the check does not depend on the lifetime). */
  private static AuthConfig benchAuthConfig() {
    AuthConfig d = AuthConfig.defaults();
    return new AuthConfig(
        d.issuer(),
        Duration.ofHours(4),
        d.refreshTokenLifetime(),
        d.keys(),
        d.minPasswordLength(),
        d.lockout(),
        d.revocationRefresh(),
        null,
        null,
        false);
  }

  /** Sightings of every hotlisted plate at two readers, stored and handed to the rules. */
  private static void seedAlerts(TestDatabase db, AlertModule alerts) throws Exception {
    List<String> plates =
        Files.readAllLines(DemoCity.DIR.resolve("plate-hotlist.csv"), StandardCharsets.UTF_8)
            .stream()
            .skip(1)
            .filter(line -> !line.isBlank())
            .map(line -> line.substring(0, line.indexOf(',')))
            .toList();
    EventCodec codec = new EventCodec();
    int n = 0;
    for (String reader : List.of(Sightings.WULING_READER, Sightings.DINGCHENG_READER)) {
      for (String plate : plates) {
        EdgeEvent event = Sightings.vehicle(plate, reader, DEMO_DAY.minusSeconds(3600 - 60L * n++));
        store(db, codec, event);
        alerts.listener().onStored(event, event.time().plusMillis(20));
      }
    }
  }

  private static void store(TestDatabase db, EventCodec codec, EdgeEvent event) throws Exception {
    new EventStore(db.dataSource())
        .insert(EventRow.of(event, codec.encode(event), event.time().plusMillis(20)));
  }

  private static Map<String, Integer> options(String[] args) {
    Map<String, Integer> opts = new java.util.HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are name=number, not " + arg);
      }
      opts.put(arg.substring(0, eq), Integer.parseInt(arg.substring(eq + 1)));
    }
    return opts;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One side of the comparison: a server and the token it is sent. */
  record Variant(String name, int port, String token) {
    HttpRequest request() {
      return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts"))
          .header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(30))
          .GET()
          .build();
    }
  }

  /** The rounds' figures per variant, and their medians. */
  private static final class Results {
    private final Map<String, List<Load.Run>> seq = new java.util.LinkedHashMap<>();
    private final Map<String, List<Load.Run>> conc = new java.util.LinkedHashMap<>();

    void add(String variant, Load.Run s, Load.Run c) {
      seq.computeIfAbsent(variant, k -> new ArrayList<>()).add(s);
      conc.computeIfAbsent(variant, k -> new ArrayList<>()).add(c);
    }

    void printMedians(int rounds, int requests, int clients) {
      System.out.printf(
          "%nmedians over %d rounds (%d sequential requests per run; %d clients × %d requests)%n",
          rounds, requests, clients, requests);
      System.out.printf(
          "%-4s | %-10s %-10s %-10s | %-10s %-10s %-10s%n",
          "auth", "seq p50", "seq p99", "seq req/s", "conc p50", "conc p99", "conc req/s");
      for (String v : seq.keySet()) {
        System.out.printf(
            "%-4s | %-10s %-10s %-10.0f | %-10s %-10s %-10.0f%n",
            v,
            Load.ms(median(seq.get(v), Load.Run::p50)),
            Load.ms(median(seq.get(v), Load.Run::p99)),
            median(seq.get(v), Load.Run::perSecond),
            Load.ms(median(conc.get(v), Load.Run::p50)),
            Load.ms(median(conc.get(v), Load.Run::p99)),
            median(conc.get(v), Load.Run::perSecond));
      }
    }

    private static double median(
        List<Load.Run> runs, java.util.function.ToDoubleFunction<Load.Run> f) {
      double[] values = runs.stream().mapToDouble(f).sorted().toArray();
      int mid = values.length / 2;
      return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
  }
}
