package org.sharpeyes.vision.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sharpeyes.vision.matching.FaceMatcher;
import org.sharpeyes.vision.matching.FaceTemplate;

/**
 * 1:N search of one probe against a watchlist of 10k or 100k random 512-d templates (none above
 * threshold, so every template is visited: the worst and the usual case). See {@code
 * docs/performance.md} for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FaceMatcherBench {

  @Param({"10000", "100000"})
  int templates;

  private FaceMatcher matcher;
  private float[] probe;

  @Setup
  public void build() {
    SplittableRandom random = new SplittableRandom(42);
    List<FaceTemplate> list = new ArrayList<>(templates);
    for (int i = 0; i < templates; i++) {
      list.add(new FaceTemplate("p-" + i, 0.99, "m", unit(random)));
    }
    matcher = new FaceMatcher("m", 512, list);
    probe = unit(random);
  }

  private static float[] unit(SplittableRandom random) {
    float[] v = new float[512];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      sum += v[i] * v[i];
    }
    float norm = (float) Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] /= norm;
    }
    return v;
  }

  @Benchmark
  public Object search() {
    return matcher.best(probe);
  }
}
