package org.sharpeyes.sims.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.sharpeyes.sims.plate.PlateListFiles;
import org.sharpeyes.sims.plate.PlatePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Which plates are drawn and how they are written: shared by the plate and load commands. */
final class PlateSourceOptions {

  private static final Logger log = LoggerFactory.getLogger(PlateSourceOptions.class);

  @Option(
      names = "--plates",
      paramLabel = "FILE",
      description = "Ordinary plates, one per line (default: random 湘J plates).")
  Path plates;

  @Option(
      names = "--hotlist",
      paramLabel = "FILE",
      description = "Hotlist CSV with header plate,reason,severity,validFrom,validTo.")
  Path hotlist;

  @Option(
      names = "--key-persons",
      paramLabel = "FILE",
      description = "Key-person CSV whose 'plates' column lists vehicles, ';'-separated.")
  Path keyPersons;

  @Option(
      names = "--raw-styles",
      description = "Write plates as readers do (湘J·A1234, 湘J A1234, full width, lower case).")
  boolean rawStyles;

  @Option(names = "--snapshot", description = "Attach a small generated JPEG of the plate.")
  boolean snapshot;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Fixes the sequence of plates and attributes (default: random, printed).")
  Long seed;

  /** Reads the files; fails with every bad line named. */
  PlatePool pool(Clock clock) {
    PlatePool pool = PlateListFiles.pool(plates, hotlist, keyPersons, clock.instant());
    log.info(
        "plates: {} ordinary (hot plates and duplicates left out), {} hot (hotlist and key-person"
            + " vehicles)",
        pool.generatesOrdinaryPlates() ? "generated" : pool.ordinaryPlates().size(),
        pool.hotPlates().size());
    return pool;
  }

  /** The seed given, or a random one (logged, so the run can be repeated). */
  long seed() {
    if (seed != null) {
      return seed;
    }
    long chosen = ThreadLocalRandom.current().nextLong();
    log.info("seed {} (pass --seed {} to repeat this sequence)", chosen, chosen);
    return chosen;
  }
}
