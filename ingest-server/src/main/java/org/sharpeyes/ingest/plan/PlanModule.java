package org.sharpeyes.ingest.plan;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.sharpeyes.ingest.audit.AuditTrail;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.reference.ReferenceData;
import org.sharpeyes.ingest.workflow.WorkflowModule;

/** Disposal plans (处置预案, docs/workflow.md): plans.yaml in the reference data, ticks, routes. */
public final class PlanModule {

  private final Plans plans;
  private final PlanRoutes routes;

  /**
   * @throws IllegalStateException listing every problem when plans.yaml is not valid
   */
  public PlanModule(
      Path referenceDir,
      ReferenceData reference,
      WorkflowModule workflow,
      DataSource dataSource,
      Clock clock,
      MeterRegistry registry,
      AuditTrail audit,
      BlockingDispatch dispatch) {
    this.plans = new Plans(referenceDir, clock, registry);
    this.routes =
        new PlanRoutes(
            plans,
            new PlanTicks(dataSource),
            workflow.store(),
            Whereabouts.of(reference),
            dispatch,
            audit,
            clock);
  }

  public Plans plans() {
    return plans;
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
