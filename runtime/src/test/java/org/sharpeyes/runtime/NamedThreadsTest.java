package org.sharpeyes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedThreadsTest {

  @Test
  void threadsAreNumberedUnderTheirPrefixSoADumpSaysWhoseTheyAre() {
    NamedThreads threads = NamedThreads.daemon("edge-publisher");

    Thread first = threads.newThread(() -> {});
    Thread second = threads.newThread(() -> {});

    assertThat(first.getName()).isEqualTo("edge-publisher-1");
    assertThat(second.getName()).isEqualTo("edge-publisher-2");
    assertThat(threads.created()).isEqualTo(2);
  }

  @Test
  void daemonThreadsNeverKeepTheProcessAliveAndNonDaemonOnesDo() {
    assertThat(NamedThreads.daemon("sweep").newThread(() -> {}).isDaemon()).isTrue();
    assertThat(NamedThreads.nonDaemon("drain").newThread(() -> {}).isDaemon()).isFalse();
  }

  @Test
  void aThreadEndedByAnExceptionIsHandledNotLeftToTheDefaultHandler() {
    Thread t = NamedThreads.daemon("worker").newThread(() -> {});

    assertThat(t.getUncaughtExceptionHandler()).isNotSameAs(t.getThreadGroup());
  }

  @Test
  void aBlankPrefixIsRefused() {
    assertThatThrownBy(() -> NamedThreads.daemon(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
