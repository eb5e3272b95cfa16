package org.sharpeyes.ingest;

import java.util.List;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.config.AlertsConfig;

/** The extensions a production server runs with, in start order (the CLI and tests use this). */
public final class StandardExtensions {

  private StandardExtensions() {}

  public static List<IngestExtension.Factory> all() {
    return List.of(IngestExtension.Factory.named("alert module", StandardExtensions::alerts));
  }

  /** Reference data, correlation rules, alerts, the alert/event API and the live feed. */
  static IngestExtension alerts(IngestExtension.Context context) {
    AlertsConfig alerts = context.config().alerts();
    AlertModule module =
        new AlertModule(
            context.vertx(),
            context.dataSource(),
            context.referenceDir(),
            context.clock(),
            context.registry(),
            new AlertSettings(alerts.sseMaxClients(), alerts.sseQueuePerClient()));
    return IngestExtension.of(module.listener(), module::mount, module);
  }
}
