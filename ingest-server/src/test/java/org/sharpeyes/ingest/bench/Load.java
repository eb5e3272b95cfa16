package org.sharpeyes.ingest.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@code GET} requests of a {@link TokenCheckBench.Variant} one after the other or from
 * several client threads at once, timing each from send to the whole body read. Any answer other
 * than 200 stops the run with the status and body.
 */
final class Load {

  /** The latencies of one run (nanoseconds, sorted) and its wall time. */
  record Run(long[] sortedNanos, long wallNanos) {
    double p50() {
      return at(0.50);
    }

    double p99() {
      return at(0.99);
    }

    double perSecond() {
      return sortedNanos.length / (wallNanos / 1e9);
    }

    /** Nearest rank. */
    private double at(double q) {
      int rank = (int) Math.ceil(q * sortedNanos.length);
      return sortedNanos[Math.max(0, rank - 1)];
    }

    @Override
    public String toString() {
      return String.format("%s / %s, %7.0f/s", ms(p50()), ms(p99()), perSecond());
    }
  }

  private final HttpClient http;

  Load(HttpClient http) {
    this.http = http;
  }

  HttpResponse<byte[]> get(TokenCheckBench.Variant v) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(v.request(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          v.name() + ": GET /api/alerts answered " + r.statusCode() + ": " + new String(r.body()));
    }
    return r;
  }

  /** {@code n} requests one after the other. */
  Run sequential(TokenCheckBench.Variant v, int n) throws IOException, InterruptedException {
    long[] nanos = new long[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      get(v);
      nanos[i] = System.nanoTime() - t;
    }
    long wall = System.nanoTime() - start;
    Arrays.sort(nanos);
    return new Run(nanos, wall);
  }

  /** {@code clients} threads, each sending {@code n} requests one after the other. */
  Run concurrent(TokenCheckBench.Variant v, int clients, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      Callable<long[]> client =
          () -> {
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
              long t = System.nanoTime();
              get(v);
              nanos[i] = System.nanoTime() - t;
            }
            return nanos;
          };
      long start = System.nanoTime();
      java.util.List<Future<long[]>> running =
          pool.invokeAll(java.util.Collections.nCopies(clients, client));
      long wall = System.nanoTime() - start;
      long[] all = new long[clients * n];
      int at = 0;
      for (Future<long[]> f : running) {
        long[] part = f.get();
        System.arraycopy(part, 0, all, at, part.length);
        at += part.length;
      }
      Arrays.sort(all);
      return new Run(all, wall);
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  static String ms(double nanos) {
    return String.format("%.3f ms", nanos / 1e6);
  }
}
