package org.sharpeyes.ingest.workflow;

import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.workflow.WorkflowStore.Held;

/**
 * Told about each step once it is committed, on the thread that took it (a dispatch worker or the
 * escalation scan): it may block briefly (e.g. write a suppression) but must not throw.
 */
@FunctionalInterface
public interface StepListener {
  void stepped(Held now, AlertStep step);
}
