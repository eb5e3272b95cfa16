package org.sharpeyes.it.chaos;

import java.util.ArrayList;
import java.util.List;

/** Sequence numbers written as ranges, e.g. {@code 335-347, 417-423}, for failure messages. */
final class SeqRanges {

  private static final int MAX_RANGES = 20;

  private SeqRanges() {}

  /**
   * @param sortedSeqs ascending
   */
  static String of(List<Long> sortedSeqs) {
    List<String> ranges = new ArrayList<>();
    int i = 0;
    while (i < sortedSeqs.size()) {
      int j = i;
      while (j + 1 < sortedSeqs.size() && sortedSeqs.get(j + 1) == sortedSeqs.get(j) + 1) {
        j++;
      }
      long from = sortedSeqs.get(i);
      long to = sortedSeqs.get(j);
      ranges.add(from == to ? Long.toString(from) : from + "-" + to);
      i = j + 1;
    }
    if (ranges.size() > MAX_RANGES) {
      int more = ranges.size() - MAX_RANGES;
      ranges = new ArrayList<>(ranges.subList(0, MAX_RANGES));
      ranges.add("… " + more + " more ranges");
    }
    return ranges.isEmpty() ? "none" : String.join(", ", ranges);
  }
}
