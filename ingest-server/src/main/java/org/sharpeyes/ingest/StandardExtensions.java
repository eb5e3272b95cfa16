package org.sharpeyes.ingest;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.alert.AlertSettings;
import org.sharpeyes.ingest.api.AlertApi;
import org.sharpeyes.ingest.api.WorkflowApi;
import org.sharpeyes.ingest.config.AlertsConfig;
import org.sharpeyes.ingest.dashboard.DashboardRoutes;
import org.sharpeyes.ingest.device.DeviceModule;
import org.sharpeyes.ingest.device.DeviceRoutes;
import org.sharpeyes.ingest.governance.GovernanceModule;
import org.sharpeyes.ingest.outbound.OutboundModule;
import org.sharpeyes.ingest.plan.PlanModule;
import org.sharpeyes.ingest.reference.RiskLevel;
import org.sharpeyes.ingest.suppression.SuppressionModule;
import org.sharpeyes.ingest.watchlist.WatchlistModule;
import org.sharpeyes.ingest.workflow.WorkflowModule;

/**
 * The extensions a production server runs with, in start order (the CLI and tests use this), and
 * where each is wired from the server's parts: the feature packages depend on the server's parts,
 * never on this package.
 */
public final class StandardExtensions {

  private StandardExtensions() {}

  public static List<IngestExtension.Factory> all() {
    return List.of(
        IngestExtension.Factory.named("alert module", StandardExtensions::alerts),
        IngestExtension.Factory.named("watchlist", StandardExtensions::watchlist));
  }

  /** Reference data, correlation rules, alerts, the alert/event API, the live feed, the map. */
  static IngestExtension alerts(IngestExtension.Context context) throws SQLException {
    AlertsConfig alerts = context.config().alerts();
    AlertSettings settings =
        new AlertSettings(
            alerts.sseMaxClients(),
            alerts.sseQueuePerClient(),
            faceThresholds(context),
            context.config().accessRules());
    AlertModule module =
        new AlertModule(
            context.dataSource(),
            context.referenceDir(),
            context.clock(),
            context.registry(),
            settings,
            context.threads().scheduler("sharpeyes-rule-timer"),
            WorkflowModule.placement(context.config().workflow(), context.clock()));
    WorkflowModule workflow =
        new WorkflowModule(
            module,
            context.dataSource(),
            context.config().workflow(),
            context.clock(),
            context.registry(),
            context.audit(),
            context.threads().scheduler("sharpeyes-escalation-scan"));
    WorkflowApi workflowApi =
        new WorkflowApi(
            module, workflow, context.clock(), context.dispatch(), context.config().workflow());
    OutboundModule outbound =
        new OutboundModule(
            module.feed(),
            module.reference(),
            context.dataSource(),
            context.config(),
            context.brokerUrl(),
            context.clock(),
            context.registry(),
            context.dispatch(),
            context.audit(),
            new OutboundModule.Threads(
                context.threads().single("sharpeyes-alert-topics"),
                context.threads().single("sharpeyes-webhook-fanout"),
                context.threads().scheduler("sharpeyes-webhook-deliverer"),
                context.threads().pool("sharpeyes-webhook-http", 2)));
    SuppressionModule suppressions =
        new SuppressionModule(
            module.reference(),
            context.dataSource(),
            context.config().workflow(),
            context.clock(),
            context.registry(),
            context.audit(),
            context.threads().scheduler("sharpeyes-suppression-reload"));
    module.guardRaises(suppressions.guard());
    workflow.transitions().listen(suppressions.falsePositives());
    PlanModule plans =
        new PlanModule(
            context.referenceDir(),
            module.reference(),
            workflow,
            context.dataSource(),
            context.clock(),
            context.registry(),
            context.audit(),
            context.dispatch());
    GovernanceModule governance =
        new GovernanceModule(
            context.dataSource(),
            context.config().workflow(),
            module.reference(),
            context.clock(),
            context.dispatch(),
            context.threads().scheduler("sharpeyes-governance"),
            context.registry());
    AlertApi api =
        new AlertApi(
            context.vertx(),
            module,
            context.dataSource(),
            context.clock(),
            context.registry(),
            settings,
            context.dispatch(),
            context.audit());
    DashboardRoutes dashboard =
        new DashboardRoutes(module.reference(), context.config().dashboard());
    DeviceModule devices =
        new DeviceModule(
            module,
            context.dataSource(),
            (alertId, note) -> workflow.transitions().recover(alertId, note),
            context.threads().single("sharpeyes-device-recovery"),
            context.registry());
    DeviceRoutes deviceRoutes = devices.routes(context.dispatch());
    return IngestExtension.of(
        devices.listenerAfter(module.listener()),
        router -> {
          deviceRoutes.mount(router);
          workflowApi.mount(router);
          outbound.mount(router);
          suppressions.mount(router, context.dispatch());
          plans.mount(router);
          governance.mount(router);
          api.mount(router);
          dashboard.mount(router);
        },
        () -> {
          outbound.close();
          governance.close();
          workflow.close();
          suppressions.close();
          api.close();
          module.close();
        },
        devices.edgeStatus());
  }

  /** Enrolment photos, their API, and the watchlist published to the edges. */
  static IngestExtension watchlist(IngestExtension.Context context) throws SQLException {
    WatchlistModule module =
        new WatchlistModule(
            context.config(),
            context.dataSource(),
            context.clock(),
            context.registry(),
            context.brokerUrl(),
            context.threads().scheduler("sharpeyes-watchlist-publisher"),
            context.dispatch(),
            context.audit());
    return IngestExtension.of((event, receivedAt) -> {}, module::mount, module);
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
