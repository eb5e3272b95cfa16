package org.sharpeyes.ingest.reference;

import java.util.Set;

/**
 * A user's place in the command structure (staff.csv): which desk they sit at and, for a grid
 * worker, which grid cells they serve. The account itself (role, password) is in the user store.
 *
 * @param user the user name of the account
 * @param kind {@code grid-worker}, {@code operator} or {@code supervisor}
 * @param deskCode the desk (region code) they belong to
 * @param grids the grid cells a grid worker serves; empty for the others
 */
public record StaffMember(String user, String kind, String deskCode, Set<String> grids) {

  public StaffMember {
    grids = Set.copyOf(grids);
  }

  public boolean isGridWorker() {
    return kind.equals("grid-worker");
  }
}
