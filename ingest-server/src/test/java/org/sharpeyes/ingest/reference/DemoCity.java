package org.sharpeyes.ingest.reference;

import java.nio.file.Files;
import java.nio.file.Path;

/** The demo city data set shipped in config/demo-city, loaded once for all tests. */
public final class DemoCity {

  public static final Path DIR = locate();

  private static ReferenceData data;

  private DemoCity() {}

  public static synchronized ReferenceData data() {
    if (data == null) {
      data = ReferenceData.load(DIR).orElseThrow();
    }
    return data;
  }

  private static Path locate() {
    for (Path p : new Path[] {Path.of("../config/demo-city"), Path.of("config/demo-city")}) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "config/demo-city not found from " + Path.of("").toAbsolutePath());
  }
}
