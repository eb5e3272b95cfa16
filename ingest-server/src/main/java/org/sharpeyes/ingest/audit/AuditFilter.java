package org.sharpeyes.ingest.audit;

import java.time.Instant;

/**
 * Which audit rows to list, newest first. Every criterion may be {@code null} (not used).
 *
 * @param actor rows of this user
 * @param action rows of this action
 * @param subject rows about this subject
 * @param since rows at or after this time
 * @param until rows before this time
 * @param before rows with a seq below this one (the cursor of the next page); 0: from the newest
 * @param limit at most this many rows
 */
public record AuditFilter(
    String actor,
    String action,
    String subject,
    Instant since,
    Instant until,
    long before,
    int limit) {

  public AuditFilter {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
