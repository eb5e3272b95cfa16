package org.sharpeyes.ingest.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sharpeyes.ingest.alert.Alert;
import org.sharpeyes.ingest.alert.AlertState;
import org.sharpeyes.ingest.config.WorkflowConfig;
import org.sharpeyes.ingest.config.WorkflowConfig.Deadline;
import org.sharpeyes.ingest.config.WorkflowConfig.Start;
import org.sharpeyes.ingest.reference.CommandStructure;
import org.sharpeyes.ingest.reference.Desk;
import org.sharpeyes.ingest.reference.Region;
import org.sharpeyes.ingest.reference.RegionDirectory;
import org.sharpeyes.ingest.reference.RegionLevel;

/**
 * Which desk holds an alert, and until when: the starting desk by severity and rule ({@code
 * workflow.routing}), the desk above and below along the alert's region chain, and the deadlines a
 * desk gets ({@code workflow.deadlines}). A level without a desk on the chain is skipped upwards.
 * Immutable.
 */
public final class DeskRouting {

  private final RegionDirectory regions;
  private final CommandStructure command;
  private final WorkflowConfig config;

  public DeskRouting(RegionDirectory regions, CommandStructure command, WorkflowConfig config) {
    this.regions = regions;
    this.command = command;
    this.config = config;
  }

  /** The region codes of an alert's place, city first; empty for an unplaced alert. */
  static List<String> chain(Alert alert) {
    return Arrays.stream(alert.regionPath().split("/")).filter(s -> !s.isEmpty()).toList();
  }

  /** The desk a new alert starts at; empty only when there are no desks at all. */
  public Optional<Desk> start(Alert alert) {
    Start start = config.start(alert.rule(), alert.severity());
    Desk found = null;
    for (String code : chain(alert)) {
      Optional<Desk> desk = command.desk(code);
      Optional<Region> region = regions.byCode(code);
      if (region.isEmpty() || region.get().level().ordinal() > start.level().ordinal()) {
        break;
      }
      if (desk.isPresent()) {
        found = desk.get();
      }
    }
    return found != null ? Optional.of(found) : top();
  }

  /** The desks told about a new alert without holding it (e.g. the city, for critical ones). */
  public List<Desk> informed(Alert alert) {
    Start start = config.start(alert.rule(), alert.severity());
    List<Desk> desks = new ArrayList<>();
    for (String code : chain(alert)) {
      regions
          .byCode(code)
          .filter(r -> start.inform().contains(r.level()))
          .flatMap(r -> command.desk(r.code()))
          .ifPresent(desks::add);
    }
    return desks;
  }

  /** The desk above {@code deskCode}; empty at the top. */
  public Optional<Desk> above(String deskCode) {
    Optional<Region> r = regions.byCode(deskCode);
    while (r.isPresent() && r.get().parent() != null) {
      r = regions.byCode(r.get().parent());
      Optional<Desk> desk = r.flatMap(x -> command.desk(x.code()));
      if (desk.isPresent()) {
        return desk;
      }
    }
    return Optional.empty();
  }

  /** The desk below {@code deskCode} towards the alert's place; empty at its lowest desk. */
  public Optional<Desk> below(String deskCode, Alert alert) {
    List<String> chain = chain(alert);
    int at = chain.indexOf(deskCode);
    for (int i = at + 1; at >= 0 && i < chain.size(); i++) {
      Optional<Desk> desk = command.desk(chain.get(i));
      if (desk.isPresent()) {
        return desk;
      }
    }
    return Optional.empty();
  }

  public Optional<Desk> desk(String code) {
    return code == null ? Optional.empty() : command.desk(code);
  }

  /** The desk of the root region (the city), the last resort of an unplaced alert. */
  public Optional<Desk> top() {
    return command.desks().stream()
        .filter(d -> regions.byCode(d.regionCode()).map(r -> r.parent() == null).orElse(false))
        .findFirst();
  }

  /**
   * {@code h} with the alert now at {@code desk}, received at {@code now}: its deadlines there
   * (time to acknowledge only while nobody has acknowledged it).
   */
  public Handling arrive(Handling h, Desk desk, Alert alert, AlertState state, Instant now) {
    Deadline d = config.deadline(desk.level(), alert.severity());
    boolean unacknowledged = state == AlertState.NEW || state == AlertState.REOPENED;
    return h.withDesk(
        desk.regionCode(),
        desk.level(),
        unacknowledged ? now.plus(d.acknowledge()) : null,
        now.plus(d.resolve()));
  }

  /** The handling of a new alert placed at {@code desk} at {@code now}. */
  public Handling placed(Alert alert, Desk desk, Instant now) {
    Handling blank =
        new Handling(
            null, null, null, null, null, null, null, false, 0, null, null, null, null, null, null);
    return arrive(blank, desk, alert, AlertState.NEW, now);
  }

  /** The township and county codes of an alert's place, for the governance figures. */
  String codeAt(Alert alert, RegionLevel level) {
    for (String code : chain(alert)) {
      if (regions.byCode(code).map(r -> r.level() == level).orElse(false)) {
        return code;
      }
    }
    return null;
  }
}
