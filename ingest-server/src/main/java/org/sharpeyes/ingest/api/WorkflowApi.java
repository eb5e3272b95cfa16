package org.sharpeyes.ingest.api;

import io.vertx.ext.web.Router;
import java.time.Clock;
import org.sharpeyes.ingest.alert.AlertModule;
import org.sharpeyes.ingest.auth.Whereabouts;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.http.BlockingDispatch;
import org.sharpeyes.ingest.workflow.WorkflowModule;

/** The HTTP side of the command-centre workflow (docs/api.md, "Workflow"). */
public final class WorkflowApi {

  private final WorkflowRoutes routes;

  public WorkflowApi(
      AlertModule alerts,
      WorkflowModule workflow,
      Clock clock,
      BlockingDispatch dispatch,
      WorkflowConfig config) {
    WorkflowJson json =
        new WorkflowJson(new AlertJson(alerts.reference(), clock), workflow.routing());
    this.routes =
        new WorkflowRoutes(workflow, json, Whereabouts.of(alerts.reference()), dispatch, config);
  }

  /** Adds the routes; mount before {@code /api/alerts/:id} routes take the id. */
  public void mount(Router router) {
    routes.mount(router);
  }
}
