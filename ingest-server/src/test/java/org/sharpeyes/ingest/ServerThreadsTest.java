package org.sharpeyes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {

  @Test
  void threadsAreNamedForTheirJobAndDaemons() throws Exception {
    try (ServerThreads threads = new ServerThreads()) {
      Thread worker =
          threads
              .single("sharpeyes-ingest-worker")
              .submit(Thread::currentThread)
              .get(5, TimeUnit.SECONDS);

      assertThat(worker.getName()).isEqualTo("sharpeyes-ingest-worker-1");
      assertThat(worker.isDaemon()).isTrue();
    }
  }

  @Test
  void closingStopsEveryExecutorMadeAndRefusesNewOnes() {
    ServerThreads threads = new ServerThreads();
    ExecutorService pool = threads.pool("sharpeyes-http-worker", 2);
    ScheduledExecutorService scheduler = threads.scheduler("sharpeyes-snapshot-sweep");

    threads.close();

    assertThat(pool.isShutdown()).isTrue();
    assertThat(scheduler.isShutdown()).isTrue();
    assertThatThrownBy(() -> threads.single("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped");
  }
}
