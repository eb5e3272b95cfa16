package org.sharpeyes.ingest.watchlist;

import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.sharpeyes.ingest.IngestExtension;
import org.sharpeyes.ingest.config.WatchlistConfig;
import org.sharpeyes.ingest.reference.Device;
import org.sharpeyes.ingest.reference.KeyPerson;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.runtime.Backoff;

/**
 * Enrolment of key persons' photos and the watchlist sent to edges, wired together: the folder
 * import at start, the API, and the publisher. Needs the tables of migration V3.
 */
public final class WatchlistModule implements AutoCloseable {

  private final FaceCheck check;
  private final Watchlist watchlist;
  private final WatchlistPublisher publisher;
  private final WatchlistRoutes routes;
  private final ScheduledExecutorService executor;

  /**
   * Loads the reference data, imports the photo folder, and starts publishing in the background.
   *
   * @throws SQLException when the store cannot be read
   */
  public WatchlistModule(IngestExtension.Context context) throws SQLException {
    WatchlistConfig config = context.config().watchlist();
    ReferenceData reference = ReferenceData.load(context.referenceDir()).orElseThrow();
    this.check = FaceCheck.open(config.detectorModel(), config.minScore());
    try {
      this.watchlist =
          new Watchlist(
              reference,
              new EnrolmentStore(context.dataSource()),
              check,
              config,
              context.clock(),
              context.registry());
      PhotoImport.Report imported =
          PhotoImport.run(
              config.photoDir(context.referenceDir()),
              watchlist,
              reference.keyPersons().stream().map(KeyPerson::id).toList());
      Set<String> edges = new LinkedHashSet<>();
      reference.devices().stream().map(Device::edgeId).forEach(edges::add);
      this.executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "sharpeyes-watchlist-publisher");
                t.setDaemon(true);
                return t;
              });
      this.publisher =
          new WatchlistPublisher(
              context.brokerUrl(),
              context.config().broker(),
              context.config().brokerCredentials(),
              new Backoff(
                  context.config().broker().reconnect(), new SplittableRandom(), context.clock()),
              watchlist,
              List.copyOf(edges),
              context.config().ingest().maxEdges(),
              executor);
      watchlist.onChange(publisher::changed);
      this.routes =
          new WatchlistRoutes(
              context.vertx(), watchlist, publisher, config.maxPhotoBytes(), imported);
      publisher.start();
    } catch (RuntimeException | SQLException e) {
      check.close();
      throw e;
    }
  }

  /** As an extension of the server (it hears no events). */
  public static IngestExtension extension(IngestExtension.Context context) throws SQLException {
    WatchlistModule module = new WatchlistModule(context);
    return IngestExtension.of((event, receivedAt) -> {}, module::mount, module);
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
    executor.shutdownNow();
    check.close();
  }
}
