package org.sharpeyes.ingest.reference;

import java.util.List;

/** Outcome of {@link ReferenceData#load}: all the data, or every problem found in the files. */
public sealed interface ReferenceLoad {

  /** The data, or {@link InvalidReferenceDataException} listing every problem. */
  ReferenceData orElseThrow();

  /** Every file was well formed and consistent. */
  record Loaded(ReferenceData data) implements ReferenceLoad {
    @Override
    public ReferenceData orElseThrow() {
      return data;
    }
  }

  /** Something was wrong; nothing is loaded. */
  record Failed(List<ReferenceProblem> problems) implements ReferenceLoad {
    public Failed {
      problems = List.copyOf(problems);
    }

    @Override
    public ReferenceData orElseThrow() {
      throw new InvalidReferenceDataException(problems);
    }

    /** One problem per line, each as {@code path:line: what is wrong}. */
    public String summary() {
      return String.join("\n", problems.stream().map(p -> "  " + p).toList());
    }
  }
}
