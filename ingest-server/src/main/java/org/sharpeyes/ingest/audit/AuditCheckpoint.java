package org.sharpeyes.ingest.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a prune leaves in the chain: a row of action {@value #ACTION} saying that the rows up to
 * {@code upToSeq} were deleted and that the last of them had hash {@code upToHash}. The row is
 * chained like any other, so the claim cannot be changed without breaking the chain after it; it is
 * what lets {@code audit verify} accept a chain that no longer starts at seq 1.
 *
 * @param upToSeq the last seq deleted
 * @param upToHash that row's hash, which the first row kept has as its prev_hash
 * @param rows how many rows the prune deleted
 * @param olderThan the cut-off: rows before this time were deleted
 */
public record AuditCheckpoint(long upToSeq, String upToHash, long rows, Instant olderThan) {

  public static final String ACTION = "audit.checkpoint";

  private static final Pattern DETAIL =
      Pattern.compile("upToSeq=(\\d+) upToHash=([0-9a-f]{64}) rows=(\\d+) olderThan=(\\S+)");

  /** The row's entry, as the server writes it at {@code at}. */
  AuditEntry entry(Instant at) {
    return new AuditEntry(
        at,
        "server",
        "server",
        ACTION,
        "audit_log",
        "ok",
        "upToSeq="
            + upToSeq
            + " upToHash="
            + upToHash
            + " rows="
            + rows
            + " olderThan="
            + olderThan);
  }

  /** The checkpoint {@code row} records, if it is one. */
  public static Optional<AuditCheckpoint> of(AuditRow row) {
    if (!ACTION.equals(row.entry().action())) {
      return Optional.empty();
    }
    Matcher m = DETAIL.matcher(row.entry().detail());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new AuditCheckpoint(
              Long.parseLong(m.group(1)),
              m.group(2),
              Long.parseLong(m.group(3)),
              Instant.parse(m.group(4))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
