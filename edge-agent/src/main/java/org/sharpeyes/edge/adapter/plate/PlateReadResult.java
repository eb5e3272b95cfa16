package org.sharpeyes.edge.adapter.plate;

import java.util.List;
import org.sharpeyes.schema.codec.Problem;

/** Outcome of reading a pushed plate read: the read, or every problem with it. */
public sealed interface PlateReadResult {

  record Valid(PlateRead read) implements PlateReadResult {}

  record Invalid(List<Problem> problems) implements PlateReadResult {
    public Invalid {
      problems = List.copyOf(problems);
    }

    /** All problems in one line, for the log and the status page. */
    public String summary() {
      return String.join("; ", problems.stream().map(Problem::toString).toList());
    }
  }
}
