package org.sharpeyes.ingest.rule;

import java.util.List;

/**
 * The ids of the correlation rules the server runs, for what names a rule (suppressions, plans).
 */
public final class RuleIds {

  public static final List<String> ALL =
      List.of(
          PlateHotlistRule.ID,
          WatchlistFaceRule.ID,
          DoorForcedRule.ID,
          DoorHeldRule.ID,
          AccessDeniedBurstRule.ID,
          OffHoursAccessRule.ID,
          DeviceOfflineRule.ID);

  private RuleIds() {}
}
