package org.sharpeyes.edge;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the agent's own threads ({@code edge-publisher-1}, …) so thread dumps read clearly. */
public final class AgentThreads {

  private AgentThreads() {}

  /** A factory of non-daemon threads named {@code prefix-N}. */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
      t.setDaemon(false);
      return t;
    };
  }
}
