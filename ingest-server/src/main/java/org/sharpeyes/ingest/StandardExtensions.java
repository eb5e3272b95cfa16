package org.sharpeyes.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.config.AlertsConfig;
import org.sharpeyes.ingest.reference.RiskLevel;
import org.sharpeyes.ingest.watchlist.WatchlistModule;

/** The extensions a production server runs with, in start order (the CLI and tests use this). */
public final class StandardExtensions {

  private StandardExtensions() {}

  public static List<IngestExtension.Factory> all() {
    return List.of(
        IngestExtension.Factory.named("alert module", StandardExtensions::alerts),
        IngestExtension.Factory.named("watchlist", WatchlistModule::extension));
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
            new AlertSettings(
                alerts.sseMaxClients(),
                alerts.sseQueuePerClient(),
                faceThresholds(context),
                context.config().accessRules()));
    return IngestExtension.of(module.listener(), module::mount, module);
  }

  private static Map<RiskLevel, Double> faceThresholds(IngestExtension.Context context) {
    Map<RiskLevel, Double> byLevel = new EnumMap<>(RiskLevel.class);
    context
        .config()
        .watchlist()
        .thresholds()
        .forEach((label, t) -> RiskLevel.fromLabel(label).ifPresent(l -> byLevel.put(l, t)));
    return byLevel;
  }
}
