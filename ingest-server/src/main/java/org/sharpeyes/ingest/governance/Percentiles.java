package org.sharpeyes.ingest.governance;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of whole seconds: the p-th percentile of n values is the value at rank
 * {@code ceil(p × n)} (1-based) in ascending order, so the median of 4 values is the 2nd. Found by
 * selection (expected linear time), not by sorting, because a month may hold a million values.
 */
final class Percentiles {

  private Percentiles() {}

  /** A growing array of ints, without boxing. Not thread-safe. */
  static final class Values {
    private int[] values = new int[8];
    private int size;

    void add(long seconds) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
    }

    int size() {
      return size;
    }

    /** The nearest-rank percentile; reorders the values. {@code null} when there are none. */
    Long percentile(double p) {
      if (size == 0) {
        return null;
      }
      int rank = (int) Math.ceil(p * size);
      return (long) select(values, 0, size - 1, Math.max(1, rank) - 1);
    }
  }

  /** The k-th smallest (0-based) of {@code a[lo..hi]}; reorders that range. */
  static int select(int[] a, int lo, int hi, int k) {
    while (hi > lo) {
      if (hi - lo < 32) {
        Arrays.sort(a, lo, hi + 1);
        return a[k];
      }
      int mid = lo + (hi - lo) / 2;
      int pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          int t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static int median(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
