package org.sharpeyes.sims.bench;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sharpeyes.schema.plate.PlateHotlistIndex;
import org.sharpeyes.sims.plate.OcrMisreads;
import org.sharpeyes.sims.plate.RandomPlates;

/**
 * 1 000 000 reads against a 10 000-plate hotlist (two patterns among them) on one thread: reads
 * that are listed plates (exact), misreads of listed plates (fuzzy, one or two lookalikes), and
 * plates that are not listed (the usual case), each at normal and at low confidence. One operation
 * is one read, so the score is reads per second. See {@code docs/performance.md} for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlateHotlistIndexBench {

  static final int READS = 1_000_000;
  static final int LISTED = 10_000;

  private PlateHotlistIndex<String> index;
  private String[] exact;
  private String[] fuzzy;
  private String[] unlisted;

  @Setup
  public void build() {
    SplittableRandom random = new SplittableRandom(42);
    List<String> listed = RandomPlates.distinct(LISTED, random, java.util.Set.of());
    PlateHotlistIndex.Builder<String> builder = PlateHotlistIndex.builder();
    listed.forEach(p -> builder.add(p, p));
    builder.add("湘J?7315", "pattern").add("湘JD*", "pattern");
    index = builder.build();
    List<String> others = RandomPlates.distinct(100_000, random, new HashSet<>(listed));
    exact = new String[READS];
    fuzzy = new String[READS];
    unlisted = new String[READS];
    for (int i = 0; i < READS; i++) {
      String plate = listed.get(random.nextInt(LISTED));
      exact[i] = plate;
      fuzzy[i] = OcrMisreads.misread(plate, 1 + (i & 1), random);
      unlisted[i] = others.get(random.nextInt(others.size()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(READS)
  public void exactReads(Blackhole bh) {
    run(exact, false, bh);
  }

  @Benchmark
  @OperationsPerInvocation(READS)
  public void fuzzyReads(Blackhole bh) {
    run(fuzzy, false, bh);
  }

  @Benchmark
  @OperationsPerInvocation(READS)
  public void unlistedReads(Blackhole bh) {
    run(unlisted, false, bh);
  }

  @Benchmark
  @OperationsPerInvocation(READS)
  public void fuzzyReadsLowConfidence(Blackhole bh) {
    run(fuzzy, true, bh);
  }

  @Benchmark
  @OperationsPerInvocation(READS)
  public void unlistedReadsLowConfidence(Blackhole bh) {
    run(unlisted, true, bh);
  }

  private void run(String[] reads, boolean low, Blackhole bh) {
    for (String read : reads) {
      bh.consume(index.match(read, low));
    }
  }
}
