package org.sharpeyes.ingest.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.sharpeyes.mqtt.BrokerCredentials;
import org.sharpeyes.mqtt.BrokerSettings;

/**
 * The whole, validated configuration of an ingest-server. Load it from YAML with {@link
 * IngestServerConfigLoader}; build it in code from {@link #defaults(Path)} and the {@code withX}
 * methods.
 *
 * @param dataDir base directory of the embedded broker's and H2's files (absolute)
 * @param http HTTP listener
 * @param broker the MQTT broker, as every client of ours reaches one ({@code broker.*}); its {@code
 *     url} is the embedded broker's when that runs (port 0 is resolved at start)
 * @param embeddedBroker the in-process broker ({@code broker.embedded.*})
 * @param brokerCredentials read from the environment variables {@code broker} names
 * @param mosquittoFiles an external Mosquitto's password and ACL files, kept current by the server
 *     ({@code broker.mosquittoFiles}); {@code null}: none
 * @param store database
 * @param ingest pipeline bounds
 * @param referenceData directory of the reference data (regions, grids, devices...), absolute
 * @param alerts live feed bounds
 * @param watchlist enrolment and the watchlist sent to edges
 * @param snapshots where snapshots are kept, and for how long
 * @param accessRules parameters of the access-control rules ({@code rules.*})
 * @param audit the audit record's retention ({@code audit.*})
 * @param auth accounts, tokens and the external identity provider ({@code auth.*})
 * @param workflow routing, deadlines and bounds of the command-centre workflow ({@code workflow.*})
 */
public record IngestServerConfig(
    Path dataDir,
    HttpConfig http,
    BrokerSettings broker,
    EmbeddedBrokerConfig embeddedBroker,
    BrokerCredentials brokerCredentials,
    MosquittoFilesConfig mosquittoFiles,
    StoreConfig store,
    IngestConfig ingest,
    Path referenceData,
    AlertsConfig alerts,
    WatchlistConfig watchlist,
    SnapshotConfig snapshots,
    AccessRulesConfig accessRules,
    AuditConfig audit,
    AuthConfig auth,
    WorkflowConfig workflow,
    DashboardConfig dashboard) {

  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  public static final Path DEFAULT_REFERENCE_DATA = Path.of("demo-city");

  /** Fixed, so that the broker keeps the server's session (and its messages) between runs. */
  public static final String DEFAULT_BROKER_CLIENT_ID = "ingest-server-1";

  public IngestServerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    referenceData = referenceData.toAbsolutePath().normalize();
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(embeddedBroker, "embeddedBroker");
    Objects.requireNonNull(brokerCredentials, "brokerCredentials");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(watchlist, "watchlist");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(accessRules, "accessRules");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(dashboard, "dashboard");
  }

  /**
   * What an empty config file means, with data under {@code dataDir}: HTTP on 8080, the embedded
   * broker on 127.0.0.1:1883 keeping its files in {@code dataDir/broker}, H2 in {@code
   * dataDir/sharpeyes}, reference data in {@code demo-city} under the working directory.
   */
  public static IngestServerConfig defaults(Path dataDir) {
    EmbeddedBrokerConfig embedded =
        new EmbeddedBrokerConfig(
            true,
            EmbeddedBrokerConfig.DEFAULT_HOST,
            EmbeddedBrokerConfig.DEFAULT_PORT,
            dataDir.resolve("broker"));
    return new IngestServerConfig(
        dataDir,
        HttpConfig.defaults(),
        BrokerSettings.defaults(embedded.clientUrl(), DEFAULT_BROKER_CLIENT_ID),
        embedded,
        BrokerCredentials.ANONYMOUS,
        null,
        new StoreConfig(
            StoreConfig.h2FileUrl(dataDir), Credentials.NONE, StoreConfig.DEFAULT_POOL_SIZE),
        IngestConfig.defaults(),
        DEFAULT_REFERENCE_DATA,
        AlertsConfig.defaults(),
        WatchlistConfig.defaults(),
        SnapshotConfig.defaults(),
        AccessRulesConfig.defaults(),
        AuditConfig.defaults(),
        AuthConfig.defaults(),
        WorkflowConfig.defaults(),
        DashboardConfig.defaults());
  }

  /**
   * Defaults for a test: everything under {@code dataDir}, HTTP and the embedded broker on free
   * ports, bound to loopback.
   */
  public static IngestServerConfig ephemeral(Path dataDir) {
    return defaults(dataDir).withHttp(new HttpConfig("127.0.0.1", 0)).withEmbeddedBrokerPort(0);
  }

  public IngestServerConfig withHttp(HttpConfig newHttp) {
    return copy(c -> c.http = newHttp);
  }

  public IngestServerConfig withHttpPort(int port) {
    return withHttp(http.withPort(port));
  }

  public IngestServerConfig withBroker(BrokerSettings newBroker) {
    return copy(c -> c.broker = newBroker);
  }

  /** Connect to an external broker instead of running the embedded one. */
  public IngestServerConfig withExternalBroker(URI url) {
    return copy(
        c -> {
          c.broker = broker.withUrl(url);
          c.embeddedBroker = embeddedBroker.withEnabled(false);
        });
  }

  /** Run the embedded broker on {@code port} ({@code 0}: any free port). */
  public IngestServerConfig withEmbeddedBrokerPort(int port) {
    EmbeddedBrokerConfig embedded = embeddedBroker.withEnabled(true).withPort(port);
    return copy(
        c -> {
          c.broker = broker.withUrl(embedded.clientUrl());
          c.embeddedBroker = embedded;
        });
  }

  /** The credentials the server's own MQTT clients connect with. */
  public IngestServerConfig withBrokerCredentials(BrokerCredentials newCredentials) {
    return copy(c -> c.brokerCredentials = newCredentials);
  }

  /**
   * Turns the embedded broker's logins and topic rules on or off ({@code
   * broker.embedded.security}).
   */
  public IngestServerConfig withEmbeddedBrokerSecurity(boolean on) {
    return copy(c -> c.embeddedBroker = embeddedBroker.withSecurity(on));
  }

  /** Adds the embedded broker's MQTT-over-TLS listener ({@code null}: none). */
  public IngestServerConfig withEmbeddedBrokerTls(EmbeddedBrokerConfig.Tls tls) {
    return copy(c -> c.embeddedBroker = embeddedBroker.withTls(tls));
  }

  /** Keeps an external Mosquitto's files current ({@code null}: none). */
  public IngestServerConfig withMosquittoFiles(MosquittoFilesConfig files) {
    return copy(c -> c.mosquittoFiles = files);
  }

  public IngestServerConfig withStore(StoreConfig newStore) {
    return copy(c -> c.store = newStore);
  }

  public IngestServerConfig withJdbcUrl(String jdbcUrl) {
    return withStore(store.withJdbcUrl(jdbcUrl));
  }

  public IngestServerConfig withIngest(IngestConfig newIngest) {
    return copy(c -> c.ingest = newIngest);
  }

  public IngestServerConfig withReferenceData(Path dir) {
    return copy(c -> c.referenceData = dir);
  }

  public IngestServerConfig withWatchlist(WatchlistConfig newWatchlist) {
    return copy(c -> c.watchlist = newWatchlist);
  }

  public IngestServerConfig withSnapshots(SnapshotConfig newSnapshots) {
    return copy(c -> c.snapshots = newSnapshots);
  }

  public IngestServerConfig withAccessRules(AccessRulesConfig newRules) {
    return copy(c -> c.accessRules = newRules);
  }

  public IngestServerConfig withAlerts(AlertsConfig newAlerts) {
    return copy(c -> c.alerts = newAlerts);
  }

  public IngestServerConfig withAudit(AuditConfig newAudit) {
    return copy(c -> c.audit = newAudit);
  }

  public IngestServerConfig withAuth(AuthConfig newAuth) {
    return copy(c -> c.auth = newAuth);
  }

  public IngestServerConfig withWorkflow(WorkflowConfig newWorkflow) {
    return copy(c -> c.workflow = newWorkflow);
  }

  public IngestServerConfig withDashboard(DashboardConfig newDashboard) {
    return copy(c -> c.dashboard = newDashboard);
  }

  /** A copy with the changes {@code change} makes to a mutable view of the components. */
  private IngestServerConfig copy(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new IngestServerConfig(
        c.dataDir,
        c.http,
        c.broker,
        c.embeddedBroker,
        c.brokerCredentials,
        c.mosquittoFiles,
        c.store,
        c.ingest,
        c.referenceData,
        c.alerts,
        c.watchlist,
        c.snapshots,
        c.accessRules,
        c.audit,
        c.auth,
        c.workflow,
        c.dashboard);
  }

  /** The components, to change one for {@link #copy}. */
  private static final class Copy {
    Path dataDir;
    HttpConfig http;
    BrokerSettings broker;
    EmbeddedBrokerConfig embeddedBroker;
    BrokerCredentials brokerCredentials;
    MosquittoFilesConfig mosquittoFiles;
    StoreConfig store;
    IngestConfig ingest;
    Path referenceData;
    AlertsConfig alerts;
    WatchlistConfig watchlist;
    SnapshotConfig snapshots;
    AccessRulesConfig accessRules;
    AuditConfig audit;
    AuthConfig auth;
    WorkflowConfig workflow;
    DashboardConfig dashboard;

    Copy(IngestServerConfig from) {
      dataDir = from.dataDir;
      http = from.http;
      broker = from.broker;
      embeddedBroker = from.embeddedBroker;
      brokerCredentials = from.brokerCredentials;
      mosquittoFiles = from.mosquittoFiles;
      store = from.store;
      ingest = from.ingest;
      referenceData = from.referenceData;
      alerts = from.alerts;
      watchlist = from.watchlist;
      snapshots = from.snapshots;
      accessRules = from.accessRules;
      audit = from.audit;
      auth = from.auth;
      workflow = from.workflow;
      dashboard = from.dashboard;
    }
  }
}
