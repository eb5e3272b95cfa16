package org.sharpeyes.ingest.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The audit record ({@code audit.*}).
 *
 * @param retention rows older than this are pruned (daily), leaving a checkpoint row
 */
public record AuditConfig(Duration retention) {

  public static final Duration DEFAULT_RETENTION = Duration.ofDays(365);
  public static final Duration MIN_RETENTION = Duration.ofDays(1);
  public static final Duration MAX_RETENTION = Duration.ofDays(36500);

  public AuditConfig {
    Objects.requireNonNull(retention, "retention");
    if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
      throw new IllegalArgumentException("retention must be from 1d to 36500d, was " + retention);
    }
  }

  public static AuditConfig defaults() {
    return new AuditConfig(DEFAULT_RETENTION);
  }
}
