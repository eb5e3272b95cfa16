package org.sharpeyes.ingest.audit;

import java.util.Objects;

/**
 * One stored row of the audit record: the entry, its place in the chain and the two hashes that
 * chain it.
 *
 * @param seq position in the chain, 1 for the first row ever written, without gaps
 * @param entry what was recorded, as stored (fields cut to their column lengths, time to the
 *     microsecond)
 * @param prevHash the hash of row {@code seq - 1}, {@link AuditHash#GENESIS} for the first
 * @param hash {@link AuditHash#of} this row's seq, entry and prevHash, as written
 */
public record AuditRow(long seq, AuditEntry entry, String prevHash, String hash) {

  public AuditRow {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /** The hash this row's content gives now; differs from {@link #hash()} if it was changed. */
  public String computedHash() {
    return AuditHash.of(seq, entry, prevHash);
  }
}
