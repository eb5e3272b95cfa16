package org.sharpeyes.ingest.reference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who handles alerts: the desks, the departments they dispatch to, and the staff (desks.csv,
 * departments.csv, staff.csv). Immutable.
 */
public final class CommandStructure {

  private final Map<String, Desk> desks = new LinkedHashMap<>();
  private final Map<String, Department> departments = new LinkedHashMap<>();
  private final Map<String, StaffMember> staff = new LinkedHashMap<>();

  CommandStructure(List<Desk> desks, List<Department> departments, List<StaffMember> staff) {
    desks.forEach(d -> this.desks.put(d.regionCode(), d));
    departments.forEach(d -> this.departments.put(d.id(), d));
    staff.forEach(s -> this.staff.put(s.user(), s));
  }

  public static CommandStructure empty() {
    return new CommandStructure(List.of(), List.of(), List.of());
  }

  /** The desk of a region, when it has one. */
  public Optional<Desk> desk(String regionCode) {
    return Optional.ofNullable(desks.get(regionCode));
  }

  public Collection<Desk> desks() {
    return desks.values();
  }

  public Optional<Department> department(String id) {
    return Optional.ofNullable(departments.get(id));
  }

  public Collection<Department> departments() {
    return departments.values();
  }

  public Optional<StaffMember> staff(String user) {
    return Optional.ofNullable(staff.get(user));
  }

  public Collection<StaffMember> staff() {
    return staff.values();
  }

  /** The grid workers serving a grid cell, in file order. */
  public List<StaffMember> gridWorkersOf(String gridCode) {
    return staff.values().stream()
        .filter(s -> s.isGridWorker() && s.grids().contains(gridCode))
        .toList();
  }
}
