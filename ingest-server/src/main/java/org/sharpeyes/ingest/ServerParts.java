package org.sharpeyes.ingest;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sharpeyes.ingest.api.DeadLetterRoute;
import org.sharpeyes.ingest.api.SnapshotRoute;
import org.sharpeyes.ingest.audit.AuditMetrics;
import org.sharpeyes.ingest.audit.AuditPruner;
import org.sharpeyes.ingest.audit.AuditRoute;
import org.sharpeyes.ingest.audit.AuditSearch;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.audit.JdbcAuditTrail;
import org.sharpeyes.ingest.auth.AccessGate;
import org.sharpeyes.ingest.auth.AuthModule;
import org.sharpeyes.ingest.auth.Authenticator;
import org.sharpeyes.ingest.auth.IntegratorBrokerLogins;
import org.sharpeyes.ingest.auth.PasswordHasher;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.RoutePolicy;
import org.sharpeyes.ingest.auth.UserStore;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.broker.BrokerGuard;
import org.sharpeyes.ingest.broker.EmbeddedBroker;
import org.sharpeyes.ingest.broker.ServerAccount;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.edge.EdgePresence;
import org.sharpeyes.ingest.edge.EdgeRoutes;
import org.sharpeyes.ingest.edge.EdgeSequences;
import org.sharpeyes.ingest.edge.SequenceRecovery;
import org.sharpeyes.ingest.edgeaccount.CachedEdgeLogins;
import org.sharpeyes.ingest.edgeaccount.EdgeAccounts;
import org.sharpeyes.ingest.edgeaccount.MosquittoFilesSync;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.http.HealthRoute;
import org.sharpeyes.ingest.http.IngestHttpServer;
import org.sharpeyes.ingest.http.MetricsRoute;
import org.sharpeyes.ingest.http.OpenApiRoute;
import org.sharpeyes.ingest.http.ProblemReplies;
import org.sharpeyes.ingest.metrics.IngestMetrics;
import org.sharpeyes.ingest.mqtt.ConnectionState;
import org.sharpeyes.ingest.mqtt.IngestSubscriber;
import org.sharpeyes.ingest.pipeline.EdgeStatusSink;
import org.sharpeyes.ingest.pipeline.IngestWorker;
import org.sharpeyes.ingest.pipeline.IntakeQueues;
import org.sharpeyes.ingest.pipeline.MessageTriage;
import org.sharpeyes.ingest.pipeline.StoredEventListener;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.reference.ReferenceLoad;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.store.BatchWriter;
import org.sharpeyes.ingest.store.Database;
import org.sharpeyes.ingest.store.DeadLetterStore;
import org.sharpeyes.ingest.store.EventStore;
import org.sharpeyes.ingest.store.SnapshotCache;
import org.sharpeyes.ingest.store.SnapshotFiles;
import org.sharpeyes.ingest.store.Snapshots;
import org.sharpeyes.ingest.store.StoreProbe;
import org.sharpeyes.schema.codec.EventCodec;

/**
 * How an ingest-server is put together: its parts, started in four steps in this order — core
 * (metrics, threads, HTTP dispatch, Vert.x, the embedded broker, the store and its audit record),
 * extensions, the ingest pipeline, then intake and listeners. Each part that must be stopped is
 * pushed onto {@code resources} as it starts, so that whatever had started can be stopped newest
 * first, whether the start completes ({@link IngestServer#close()}) or fails part way ({@code step}
 * names the part). Used once, on the thread that starts the server.
 */
final class ServerParts {

  private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration AUDIT_PRUNE_EVERY = Duration.ofDays(1);

  IngestServerConfig config;
  final Deque<AutoCloseable> resources = new ArrayDeque<>();
  final List<StoredEventListener> listeners = new ArrayList<>();
  final List<IngestExtension> extensions = new ArrayList<>();
  String step = "metrics";
  PrometheusMeterRegistry registry;
  ServerThreads threads;
  BlockingDispatch dispatch;
  Vertx vertx;
  URI brokerUrl;
  URI brokerTlsUrl;
  Database database;
  AuditMetrics auditMetrics;
  AuditTrail audit;
  EdgeAccounts edgeAccounts;
  BrokerGuard brokerGuard;
  IngestMetrics metrics;
  IntakeQueues queue;
  EdgePresence edges;
  EdgeSequences sequences;
  Snapshots snapshots;
  IngestSubscriber subscriber;
  List<IngestWorker> workers;
  IngestHttpServer http;
  AuthModule auth;

  /** The regions, read once for the accounts (the broker's and the API's). */
  private RegionDirectory regions;

  /** Bearer token → principal, for the access gate. */
  Authenticator authenticator;

  ServerParts(IngestServerConfig config) {
    this.config = config;
  }

  void startCore(Clock clock) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.push(registry::close);
    threads = new ServerThreads();
    resources.push(threads);
    var bounds = BlockingDispatch.Bounds.of(config.http());
    dispatch =
        new BlockingDispatch(
            threads.pool("sharpeyes-http-worker", bounds.threads()), bounds, registry);
    step = "Vert.x";
    vertx = IngestHttpServer.vertx(registry);
    resources.push(
        () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    step = "store";
    database = Database.open(config.store(), registry);
    resources.push(database);
    auditMetrics = new AuditMetrics(registry);
    audit = new JdbcAuditTrail(database.dataSource(), auditMetrics);
    SecureRandom random = new SecureRandom();
    edgeAccounts = new EdgeAccounts(database.dataSource(), clock, random, audit);
    if (config.mosquittoFiles() != null) {
      step = "Mosquitto files";
      syncMosquittoFiles(random);
    }
    if (config.embeddedBroker().enabled()) {
      step = "embedded broker";
      if (config.embeddedBroker().security()) {
        // The server's own connections log in with a password that exists only in memory.
        ServerAccount own = ServerAccount.generate(random);
        brokerGuard =
            new BrokerGuard(
                new CachedEdgeLogins(edgeAccounts, clock),
                new IntegratorBrokerLogins(
                    new UserStore(database.dataSource()),
                    PasswordHasher.owasp(config.auth().minPasswordLength()),
                    regions()),
                own,
                registry,
                clock);
        config = config.withBrokerCredentials(own.credentials());
      }
      EmbeddedBroker broker = EmbeddedBroker.start(config.embeddedBroker(), brokerGuard);
      resources.push(broker);
      brokerUrl = broker.clientUrl();
      brokerTlsUrl = broker.tlsClientUrl();
    } else {
      brokerUrl = URI.create(config.broker().serverUri());
    }
    step = "authentication";
    try {
      auth =
          AuthModule.start(
              config.auth(),
              config.dataDir(),
              database.dataSource(),
              regions(),
              vertx,
              clock,
              registry,
              audit,
              threads.scheduler("sharpeyes-auth-refresh"),
              dispatch,
              System.getenv());
    } catch (java.io.IOException | SQLException | RuntimeException e) {
      throw new IngestStartException(step, e);
    }
    resources.push(auth);
    authenticator = auth.authenticator();
  }

  /**
   * Rewrites the external Mosquitto's files now (a restore or a migration may have left them
   * stale), and after every change made through this server's {@link EdgeAccounts}.
   */
  private void syncMosquittoFiles(SecureRandom random) {
    var files = config.mosquittoFiles();
    MosquittoFilesSync sync =
        MosquittoFilesSync.attach(
            edgeAccounts,
            files.passwordFile(),
            files.aclFile(),
            config.brokerCredentials(),
            random,
            MosquittoFilesSync.logging());
    try {
      MosquittoFilesSync.logging().written(sync.rewrite());
    } catch (java.io.IOException | RuntimeException e) {
      throw new IngestStartException(step, e);
    }
  }

  void startExtensions(Clock clock, List<IngestExtension.Factory> factories) {
    IngestExtension.Context context =
        new IngestExtension.Context(
            vertx,
            database.dataSource(),
            config.referenceData(),
            clock,
            registry,
            config,
            brokerUrl,
            threads,
            dispatch,
            audit);
    for (IngestExtension.Factory factory : factories) {
      step = factory.name();
      IngestExtension extension;
      try {
        extension = factory.create(context);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IngestStartException(step, e);
      }
      resources.push(extension);
      extensions.add(extension);
      listeners.add(extension.listener());
    }
  }

  void startPipeline(Clock clock) {
    step = "edge sequence recovery";
    var ingest = config.ingest();
    metrics = new IngestMetrics(registry);
    sequences = new EdgeSequences(ingest.maxEdges(), ingest.maxGapsPerEdge(), metrics);
    try {
      new SequenceRecovery(database.dataSource(), clock).recoverInto(sequences);
    } catch (SQLException e) {
      throw new IngestStartException(step, e);
    }
    // First of the transactional listeners: its edge_ledgers rows are written in the batch's
    // transaction, and its ledger is updated first of the after-commit work.
    listeners.add(0, sequences);
    step = "ingest pipeline";
    queue = new IntakeQueues(ingest.workerCount(), ingest.workerQueue());
    edges = new EdgePresence(ingest.maxEdges());
    var kept = config.snapshots();
    SnapshotFiles files =
        new SnapshotFiles(
            kept.dir(config.dataDir()),
            kept.maxBytes(),
            kept.maxAge(),
            clock,
            metrics::snapshotFileDropped,
            threads.factory("sharpeyes-snapshot-writer"));
    resources.push(files);
    snapshots =
        new Snapshots(
            new SnapshotCache(ingest.snapshotCacheBytes(), metrics::snapshotEvicted), files);
    metrics.gauge("sharpeyes.ingest.queue.depth", "messages waiting for the workers", queue::size);
    metrics.gauge(
        "sharpeyes.ingest.queue.capacity", "bound of the workers' queues", queue::capacity);
    metrics.gauge(
        "sharpeyes.ingest.workers",
        "ingest workers, each on its share of the edges",
        () -> queue.partitions());
    metrics.gauge(
        "sharpeyes.ingest.edges.online", "edges whose last status is online", edges::onlineCount);
    metrics.gauge(
        "sharpeyes.ingest.snapshots.bytes",
        "snapshot bytes held in memory",
        snapshots.recent()::bytes);
    metrics.gauge(
        "sharpeyes.ingest.snapshots.files.bytes", "snapshot bytes kept on disk", files::bytes);
    metrics.gauge("sharpeyes.ingest.snapshots.files", "snapshot files kept on disk", files::count);
    threads
        .scheduler("sharpeyes-snapshot-sweep")
        .scheduleWithFixedDelay(files::sweep, 1, 1, TimeUnit.MINUTES);
    ScheduledExecutorService reconnects = threads.scheduler("sharpeyes-mqtt-reconnect");
    subscriber =
        new IngestSubscriber(
            brokerUrl,
            config.broker(),
            config.brokerCredentials(),
            queue,
            reconnects,
            clock,
            new SecureRandom(),
            metrics);
    metrics.gauge(
        "sharpeyes.ingest.mqtt.connected",
        "1 when subscribed to the broker",
        () -> subscriber.state() == ConnectionState.CONNECTED ? 1 : 0);
    DataSource ds = database.dataSource();
    MessageTriage triage =
        new MessageTriage(new EventCodec(ingest.codecLimits()), ingest, clock, metrics);
    BatchWriter writer = new BatchWriter(ds, new EventStore(ds), new DeadLetterStore(ds));
    EdgeStatusSink statusSinks = edgeStatusSinks();
    ReentrantLock turn = new ReentrantLock();
    workers = new ArrayList<>(queue.partitions());
    for (int i = 0; i < queue.partitions(); i++) {
      workers.add(
          new IngestWorker(
              queue.partition(i),
              triage,
              writer,
              snapshots,
              statusSinks,
              subscriber,
              listeners,
              metrics,
              clock,
              ingest.batchSize(),
              ingest.maxMessageBytes(),
              turn));
    }
  }

  /** Whether every worker's last write reached the store. */
  boolean storeWriting() {
    for (IngestWorker w : workers) {
      if (!w.storeHealthy()) {
        return false;
      }
    }
    return true;
  }

  /** The server's edge presence first, then each extension that asks for edge status messages. */
  private EdgeStatusSink edgeStatusSinks() {
    List<EdgeStatusSink> more = extensions.stream().flatMap(e -> e.edgeStatus().stream()).toList();
    if (more.isEmpty()) {
      return edges;
    }
    return (message, receivedAt) -> {
      boolean tracked = edges.update(message, receivedAt);
      more.forEach(sink -> sink.update(message, receivedAt));
      return tracked;
    };
  }

  void startListeners(Clock clock) {
    // Intake first: a restarted server takes its backlog from the broker without waiting for
    // its HTTP listener, so the broker holds less for it (docs/reliability.md, finding 10).
    step = "ingest workers";
    ExecutorService ingestThreads = threads.pool("sharpeyes-ingest-worker", workers.size());
    resources.push(ingestThreads::shutdownNow); // right after the workers' stop, as ever
    workers.forEach(w -> w.start(ingestThreads));
    resources.push(
        () -> {
          workers.forEach(w -> w.requestStop());
          for (IngestWorker w : workers) {
            w.stop(WORKER_STOP_TIMEOUT);
          }
        });
    step = "MQTT subscriber";
    subscriber.start();
    // Closed before the worker stops: the worker's last acks are then skipped and those
    // messages come again as duplicates, which is harmless; the reverse would leave the intake's
    // event loop
    // blocked on a full queue nobody drains.
    resources.push(subscriber);
    step = "audit pruning";
    AuditPruner pruner =
        new AuditPruner(database.dataSource(), config.audit().retention(), clock, auditMetrics);
    threads
        .scheduler("sharpeyes-audit-prune")
        .scheduleWithFixedDelay(
            pruner::pruneQuietly, 1, AUDIT_PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
    step = "HTTP listener";
    StoreProbe probe = new StoreProbe(database, clock);
    resources.push(probe);
    probe.start(threads.scheduler("sharpeyes-store-probe"));
    Router router = Router.router(vertx);
    ProblemReplies.install(router);
    RoutePolicy policy = RoutePolicy.standard(config.auth().openMetrics());
    AccessGate.install(router, authenticator, policy, registry);
    new HealthRoute(new ServerHealth(subscriber, probe, this::storeWriting, queue, edges))
        .mount(router);
    new MetricsRoute(registry, dispatch).mount(router);
    Whereabouts places = Whereabouts.load(config.referenceData());
    new DeadLetterRoute(new DeadLetterStore(database.dataSource()), places, dispatch).mount(router);
    new SnapshotRoute(
            snapshots,
            new EventStore(database.dataSource()),
            places,
            dispatch,
            new PersonalReads(audit, clock))
        .mount(router);
    new AuditRoute(new AuditSearch(database.dataSource()), dispatch).mount(router);
    new EdgeRoutes(edges, sequences, places, dispatch).mount(router);
    new OpenApiRoute().mount(router);
    auth.mount(router);
    extensions.forEach(e -> e.mount(router));
    List<String> unguarded = policy.uncovered(IngestHttpServer.routePaths(router));
    if (!unguarded.isEmpty()) {
      throw new IllegalStateException("routes missing from the access policy: " + unguarded);
    }
    http = IngestHttpServer.start(vertx, config.http(), router);
    resources.push(http);
  }

  /**
   * The reference data's regions, for the accounts. Invalid reference data is reported by the parts
   * that need all of it; accounts then know no region, so only the CLI can add users.
   */
  private RegionDirectory regions() {
    if (regions == null) {
      regions =
          ReferenceData.load(config.referenceData()) instanceof ReferenceLoad.Loaded loaded
              ? loaded.data().regions()
              : RegionDirectory.empty();
    }
    return regions;
  }
}
