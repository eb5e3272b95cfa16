package org.sharpeyes.ingest.plan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.sharpeyes.config.ConfigResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans in force: loaded from plans.yaml at start, replaced as a whole by {@link #reload} when
 * the file is valid, left as they were when it is not. Thread-safe.
 */
public final class Plans {

  private static final Logger LOG = LoggerFactory.getLogger(Plans.class);

  private final Path file;
  private final Clock clock;
  private final MeterRegistry registry;
  private final AtomicReference<PlanBook> book = new AtomicReference<>();

  /**
   * Loads {@code dir/plans.yaml}; no file means no plans (logged).
   *
   * @throws IllegalStateException listing every problem when the file is not valid
   */
  public Plans(Path dir, Clock clock, MeterRegistry registry) {
    this.file = dir.resolve(PlanFile.NAME);
    this.clock = clock;
    this.registry = registry;
    if (!Files.exists(file)) {
      LOG.warn("disposal plans: no {}; alerts show no plan", file);
      book.set(new PlanBook(Map.of(), "none", clock.instant()));
      return;
    }
    ConfigResult<PlanBook> read = PlanFile.read(file, clock.instant());
    if (read instanceof ConfigResult.Failure<PlanBook> f) {
      throw new IllegalStateException(f.report(file.toString()));
    }
    book.set(((ConfigResult.Success<PlanBook>) read).value());
    LOG.info(
        "disposal plans: {} from {} (version {})",
        current().plans().size(),
        file,
        current().version());
  }

  public PlanBook current() {
    return book.get();
  }

  /**
   * Reads the file again and, when it is valid as a whole, puts it in force at once; when it is
   * not, nothing changes and the failure lists every problem.
   */
  public ConfigResult<PlanBook> reload() {
    ConfigResult<PlanBook> read = PlanFile.read(file, clock.instant());
    String outcome = read instanceof ConfigResult.Success ? "ok" : "refused";
    if (read instanceof ConfigResult.Success<PlanBook> s) {
      book.set(s.value());
      LOG.info(
          "disposal plans reloaded: {} plans, version {}",
          s.value().plans().size(),
          s.value().version());
    } else {
      LOG.warn(
          "disposal plans: {} refused, the plans in force stay:\n{}",
          file,
          ((ConfigResult.Failure<PlanBook>) read).report(file.toString()));
    }
    Counter.builder("sharpeyes.plan.reloads")
        .description("Reloads of plans.yaml, by outcome (ok, refused)")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    return read;
  }
}
