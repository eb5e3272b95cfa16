package org.sharpeyes.ingest.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.access.Role;
import org.sharpeyes.ingest.alert.AlertState;

class LifecycleDocTest {

  static String row(Lifecycle.Rule r) {
    String from =
        EnumSet.copyOf(r.from()).stream().map(AlertState::label).collect(Collectors.joining(", "));
    String who =
        r.roles().isEmpty()
            ? "the server"
            : EnumSet.copyOf(r.roles()).stream().map(Role::label).collect(Collectors.joining(", "));
    return "| "
        + r.action().label()
        + " | "
        + from
        + " | "
        + (r.to() == null ? "(unchanged)" : r.to().label())
        + " | "
        + who
        + " | "
        + (r.needsNote() ? "yes" : "no")
        + " | "
        + r.what()
        + " |";
  }

  @Test
  void docsWorkflowMdPrintsTheLifecycleTableAsTheCodeHoldsIt() throws Exception {
    String docs = Files.readString(Path.of("../docs/workflow.md"), StandardCharsets.UTF_8);
    List<String> rows = Lifecycle.rules().stream().map(LifecycleDocTest::row).toList();

    assertThat(docs)
        .as("docs/workflow.md must hold:\n" + String.join("\n", rows))
        .contains(String.join("\n", rows));
  }

  @Test
  void everyOpenStateHasAWayOutAndEveryClosedOneCanBeReopened() {
    for (AlertState s : AlertState.values()) {
      assertThat(Lifecycle.allowed(s, Role.SUPERVISOR)).as("steps from " + s).isNotEmpty();
    }
    assertThat(Lifecycle.allowed(AlertState.RESOLVED, Role.OPERATOR)).isEmpty();
    assertThat(Lifecycle.allowed(AlertState.DISPATCHED, Role.GRID_WORKER))
        .containsExactly(Action.REPORT);
  }
}
