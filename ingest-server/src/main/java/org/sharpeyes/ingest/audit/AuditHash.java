package org.sharpeyes.ingest.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash that chains the audit record, and the canonical form of a row it is computed over.
 *
 * <p>The hash of a row is the lower-case hex SHA-256 of the UTF-8 bytes of {@code
 * sharpeyes-audit-v1} followed by ten fields in this order: seq, at, actor, from, action, subject,
 * outcome, detail, prev_hash. Each field is written as its length in UTF-8 bytes (decimal), a
 * colon, the bytes and a newline, so that no choice of text in one field can pass for another
 * field. seq is decimal; at is {@code epochSecond.micros} with six digits of microseconds (the
 * precision both databases keep).
 */
public final class AuditHash {

  /** The prev_hash of the first row: 64 zeros. */
  public static final String GENESIS = "0".repeat(64);

  private static final String VERSION = "sharpeyes-audit-v1";

  private AuditHash() {}

  /** The hash of a row at {@code seq} holding {@code entry} and chained to {@code prevHash}. */
  public static String of(long seq, AuditEntry entry, String prevHash) {
    StringBuilder canonical = new StringBuilder(256).append(VERSION).append('\n');
    field(canonical, Long.toString(seq));
    field(canonical, time(entry.at()));
    field(canonical, entry.actor());
    field(canonical, entry.from());
    field(canonical, entry.action());
    field(canonical, entry.subject());
    field(canonical, entry.outcome());
    field(canonical, entry.detail());
    field(canonical, prevHash);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** {@code at} as both databases keep it: cut to the microsecond. */
  public static Instant stored(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  private static String time(Instant at) {
    Instant t = stored(at);
    return t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
  }

  private static void field(StringBuilder out, String value) {
    out.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append('\n');
  }
}
