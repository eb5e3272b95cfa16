package org.sharpeyes.sims.cli;

import java.time.Duration;
import org.sharpeyes.config.Quantities;
import picocli.CommandLine;

/**
 * Reads durations in the grammar of every file of ours ({@link Quantities}): {@code 500ms}, {@code
 * 60s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT1M}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Quantities.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
