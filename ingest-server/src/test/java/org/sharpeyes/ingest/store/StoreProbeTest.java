package org.sharpeyes.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sharpeyes.ingest.ServerThreads;
import org.sharpeyes.schema.testing.MutableClock;

class StoreProbeTest {

  private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final ServerThreads threads = new ServerThreads();
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final AtomicInteger checks = new AtomicInteger();
  private final StoreProbe probe =
      new StoreProbe(
          () -> {
            checks.incrementAndGet();
            if (!up.get()) {
              throw new IllegalStateException("connection refused");
            }
            return true;
          },
          clock);

  @AfterEach
  void stop() {
    probe.close();
    threads.close();
  }

  @Test
  void theStoreIsCheckedAtStartSoTheFirstHealthAnswerIsKnown() {
    assertThat(probe.last().reachable()).isFalse();
    assertThat(probe.last().checkedAt()).isNull();

    probe.start(threads.scheduler("test-store-probe"));

    assertThat(probe.last()).isEqualTo(new StoreProbe.Result(true, T0));
  }

  @Test
  void aCheckThatFailsMakesTheStoreUnreachableUntilOnePasses() {
    probe.start(threads.scheduler("test-store-probe"));
    up.set(false);
    clock.advance(java.time.Duration.ofSeconds(2));

    probe.checkNow();

    assertThat(probe.last()).isEqualTo(new StoreProbe.Result(false, T0.plusSeconds(2)));
    up.set(true);
    probe.checkNow();
    assertThat(probe.last().reachable()).isTrue();
  }

  @Test
  void itChecksAgainInTheBackgroundEveryInterval() {
    probe.start(threads.scheduler("test-store-probe"));
    up.set(false);

    await().until(() -> checks.get() >= 2);

    await().until(() -> !probe.last().reachable());
  }
}
