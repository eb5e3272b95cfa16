package org.sharpeyes.ingest.reference;

import java.util.List;

/** Thrown when reference data cannot be loaded; its message lists every problem, one a line. */
public final class InvalidReferenceDataException extends RuntimeException {

  private final transient List<ReferenceProblem> problems;

  public InvalidReferenceDataException(List<ReferenceProblem> problems) {
    super(
        "reference data has "
            + problems.size()
            + " problem(s):\n"
            + new ReferenceLoad.Failed(problems).summary());
    this.problems = List.copyOf(problems);
  }

  public List<ReferenceProblem> problems() {
    return problems;
  }
}
