package org.sharpeyes.ingest.watchlist;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.PersonalReads;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.config.WatchlistConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.mqtt.MqttConnections;

/**
 * Enrolment of key persons' photos and the watchlist sent to edges, wired together: the folder
 * import at start, the API, and the publisher. Needs the tables of migration V3.
 */
public final class WatchlistModule implements AutoCloseable {

  private final FaceCheck check;
  private final Watchlist watchlist;
  private final WatchlistPublisher publisher;
  private final WatchlistRoutes routes;

  /**
   * Loads the reference data, imports the photo folder, and starts publishing in the background.
   *
   * @param brokerUrl the broker the server uses (for the embedded one, its actual address)
   * @param publisherThread the one thread the publisher runs on; its owner shuts it down
   * @param dispatch runs the API's store reads and writes and the photo checks
   * @param audit where reads of enrolment photos are recorded
   * @throws SQLException when the store cannot be read
   */
  public WatchlistModule(
      IngestServerConfig server,
      DataSource dataSource,
      Clock clock,
      MeterRegistry registry,
      URI brokerUrl,
      ScheduledExecutorService publisherThread,
      BlockingDispatch dispatch,
      AuditTrail audit)
      throws SQLException {
    WatchlistConfig config = server.watchlist();
    ReferenceData reference = ReferenceData.load(server.referenceData()).orElseThrow();
    this.check = FaceCheck.open(config.detectorModel(), config.minScore());
    try {
      this.watchlist =
          new Watchlist(reference, new EnrolmentStore(dataSource), check, config, clock, registry);
      PhotoImport.Report imported =
          PhotoImport.run(
              config.photoDir(server.referenceData()),
              watchlist,
              reference.keyPersons().stream().map(KeyPerson::id).toList());
      Set<String> edges = new LinkedHashSet<>();
      reference.devices().stream().map(Device::edgeId).forEach(edges::add);
      MqttConnections connections =
          MqttConnections.of(
              server.broker().withUrl(brokerUrl),
              server.brokerCredentials(),
              MqttConnections.Use.cleanSession()
                  .withClientIdSuffix(WatchlistPublisher.CLIENT_ID_SUFFIX));
      this.publisher =
          new WatchlistPublisher(
              connections,
              connections.backoff(new SplittableRandom(), clock),
              watchlist,
              List.copyOf(edges),
              server.ingest().maxEdges(),
              publisherThread);
      watchlist.onChange(publisher::changed);
      this.routes =
          new WatchlistRoutes(
              watchlist,
              publisher,
              config.maxPhotoBytes(),
              imported,
              dispatch,
              Whereabouts.of(reference),
              new PersonalReads(audit, clock));
      publisher.start();
    } catch (RuntimeException | SQLException e) {
      check.close();
      throw e;
    }
  }

  public Watchlist watchlist() {
    return watchlist;
  }

  public void mount(Router router) {
    routes.mount(router);
  }

  @Override
  public void close() {
    publisher.close();
    check.close();
  }
}
