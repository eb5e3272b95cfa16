package org.sharpeyes.ingest.workflow;

import java.util.Arrays;
import java.util.Optional;

/**
 * A step on an alert (docs/workflow.md, "The lifecycle"); which one leads where: {@link Lifecycle}.
 */
public enum Action {
  ACKNOWLEDGE("acknowledge"),
  DISPATCH("dispatch"),
  REPORT("report"),
  SEND_BACK("send-back"),
  RESOLVE("resolve"),
  FALSE_POSITIVE("false-positive"),
  REOPEN("reopen"),
  ESCALATE("escalate"),
  PULL_DOWN("pull-down"),
  /** The server's own: a deadline passed at the top desk, where there is nowhere to escalate. */
  OVERDUE("overdue"),
  /** The server's own: the subject recovered (a device back online), so the alert closes. */
  RECOVER("recover");

  private final String label;

  Action(String label) {
    this.label = label;
  }

  /** As in requests, the timeline and the audit record, e.g. {@code send-back}. */
  public String label() {
    return label;
  }

  public static Optional<Action> fromLabel(String label) {
    return Arrays.stream(values()).filter(a -> a.label.equals(label)).findFirst();
  }

  /** True for the steps only the server takes; a user asking for one names no known step. */
  public boolean serverOnly() {
    return this == OVERDUE || this == RECOVER;
  }

  /** The labels of the steps a user may ask for, for error messages. */
  public static String labels() {
    return String.join(
        ", ", Arrays.stream(values()).filter(a -> !a.serverOnly()).map(Action::label).toList());
  }
}
