package org.sharpeyes.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.config.IngestServerConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.pipeline.EdgeStatusSink;
import org.sharpeyes.ingest.pipeline.StoredEventListener;

/**
 * A feature plugged into the server (e.g. alerts): it hears about every newly stored event and may
 * add HTTP routes. {@link IngestServer} creates extensions after the store is migrated and before
 * the HTTP listener and the MQTT subscription start, and closes them in reverse order on stop.
 */
public interface IngestExtension extends AutoCloseable {

  /** Told about each newly stored event, on the ingest worker thread (see its contract). */
  StoredEventListener listener();

  /** Adds this extension's routes; called once, before the server listens. */
  void mount(Router router);

  /**
   * Told each edge status message after the server's own edge presence, on the ingest worker (see
   * its contract); none by default.
   */
  default Optional<EdgeStatusSink> edgeStatus() {
    return Optional.empty();
  }

  /** Releases what the extension holds; must not throw. */
  @Override
  void close();

  /**
   * What an extension may use from the server. Everything is shared; nothing is to be closed.
   *
   * @param brokerUrl the broker the server uses (for the embedded one, its actual address)
   * @param threads makes the executors the extension runs on; the server shuts them down after
   *     closing the extension (cancel what it scheduled in {@link #close()})
   * @param dispatch runs the blocking work of the extension's routes, within the server's bound
   * @param audit the audit record (留痕); blocking, so write to it from the dispatch's workers
   */
  record Context(
      Vertx vertx,
      DataSource dataSource,
      Path referenceDir,
      Clock clock,
      MeterRegistry registry,
      IngestServerConfig config,
      URI brokerUrl,
      ServerThreads threads,
      BlockingDispatch dispatch,
      AuditTrail audit) {}

  /** Creates an extension from the running server's parts. */
  @FunctionalInterface
  interface Factory {
    /**
     * @throws Exception when the extension cannot start; the server then fails to start with it
     */
    IngestExtension create(Context context) throws Exception;

    /** Name used in start-up errors. */
    default String name() {
      return "extension";
    }

    /** {@code factory} under a name that start-up errors will use. */
    static Factory named(String name, Factory factory) {
      return new Factory() {
        @Override
        public IngestExtension create(Context context) throws Exception {
          return factory.create(context);
        }

        @Override
        public String name() {
          return name;
        }
      };
    }
  }

  /** An extension made of a listener, a route-mounting function and something to close. */
  static IngestExtension of(
      StoredEventListener listener, Consumer<Router> mount, AutoCloseable resources) {
    return of(listener, mount, resources, null);
  }

  /** As above, also told of edge status messages by {@code edgeStatus} (or {@code null}). */
  static IngestExtension of(
      StoredEventListener listener,
      Consumer<Router> mount,
      AutoCloseable resources,
      EdgeStatusSink edgeStatus) {
    return new IngestExtension() {
      @Override
      public Optional<EdgeStatusSink> edgeStatus() {
        return Optional.ofNullable(edgeStatus);
      }

      @Override
      public StoredEventListener listener() {
        return listener;
      }

      @Override
      public void mount(Router router) {
        mount.accept(router);
      }

      @Override
      public void close() {
        try {
          resources.close();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(IngestExtension.class)
              .warn("extension did not close cleanly: {}", e.toString());
        }
      }
    };
  }
}
