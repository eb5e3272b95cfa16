package org.sharpeyes.ingest.alert;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Places a newly raised alert at its starting desk (the workflow's routing), in the transaction
 * that raises it, so that no alert is ever stored without a desk and its deadlines.
 */
@FunctionalInterface
public interface AlertPlacement {

  /** Leaves the alert unplaced (tests of the alert store alone). */
  AlertPlacement NONE = (c, alert) -> {};

  /**
   * Called on the raising transaction {@code c}, after the alert's row is inserted; must not commit
   * or roll back.
   */
  void place(Connection c, Alert alert) throws SQLException;
}
