package org.sharpeyes.sims.plate;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sharpeyes.runtime.NamedThreads;

/** The HTTP client a simulated reader sends with when the caller supplies none. */
final class ReaderHttpClient {

  private static final int THREADS = 4;

  private ReaderHttpClient() {}

  /**
   * HTTP/1.1, as plate readers speak it (no h2c upgrade attempt), on a small named pool whose
   * threads time out when idle, so the pool needs no shutdown and rejects nothing.
   */
  static HttpClient create(Duration connectTimeout) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            NamedThreads.daemon("plate-sim-http"));
    executor.allowCoreThreadTimeOut(true);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .executor(executor)
        .build();
  }
}
