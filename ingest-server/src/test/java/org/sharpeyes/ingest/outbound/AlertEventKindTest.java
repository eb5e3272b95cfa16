package org.sharpeyes.ingest.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertChange;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.alert.AlertStep;
import org.sharpeyes.ingest.reference.Severity;
import org.sharpeyes.ingest.rule.SubjectType;

class AlertEventKindTest {

  private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
  private static final Alert ALERT =
      new Alert(
          "a1",
          "plate-hotlist",
          Severity.HIGH,
          SubjectType.PLATE,
          "湘J3B924",
          "湘J3B924",
          AlertState.NEW,
          "43070200001320000101",
          null,
          null,
          "/430700/430702/",
          null,
          "湘J3B924",
          "hotlisted",
          1,
          NOW,
          NOW,
          NOW,
          NOW,
          "e1",
          "e1",
          1);

  @Test
  void aNewAlertIsCreatedAndAFoldedSightingAnUpdate() {
    assertThat(AlertEventKind.of(new AlertChange(ALERT, AlertChange.Kind.RAISED)))
        .contains(AlertEventKind.CREATED);
    assertThat(AlertEventKind.of(new AlertChange(ALERT, AlertChange.Kind.FOLDED)))
        .contains(AlertEventKind.UPDATED);
    assertThat(AlertEventKind.of(new AlertChange(ALERT, AlertChange.Kind.ALREADY_RECORDED)))
        .isEmpty();
  }

  @Test
  void anEscalationIsEscalatedAResolutionOrFalsePositiveClosedAndOtherStepsUpdates() {
    assertThat(kindOf("escalate", AlertState.NEW, AlertState.NEW))
        .isEqualTo(AlertEventKind.ESCALATED);
    assertThat(kindOf("resolve", AlertState.HANDLED, AlertState.RESOLVED))
        .isEqualTo(AlertEventKind.CLOSED);
    assertThat(kindOf("false-positive", AlertState.NEW, AlertState.FALSE_POSITIVE))
        .isEqualTo(AlertEventKind.CLOSED);
    assertThat(kindOf("acknowledge", AlertState.NEW, AlertState.ACKNOWLEDGED))
        .isEqualTo(AlertEventKind.UPDATED);
    assertThat(kindOf("overdue", AlertState.NEW, AlertState.NEW)).isEqualTo(AlertEventKind.UPDATED);
  }

  private static AlertEventKind kindOf(String action, AlertState from, AlertState to) {
    AlertStep step =
        new AlertStep(
            2, action, from, to, "someone", "supervisor", "430702", NOW, null, null, null, false);
    return AlertEventKind.of(new AlertChange(ALERT, AlertChange.Kind.STEPPED, step)).orElseThrow();
  }
}
