package org.sharpeyes.edge.testing;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A heap allocator that counts the buffers it handed out and that were not yet released, so that a
 * test can assert "no leak" right away instead of hoping that Netty's sampling leak detector
 * notices after a garbage collection. Buffers derived from one of its buffers ({@code copy()},
 * {@code alloc().buffer()}) come from it too. Thread-safe.
 */
public final class CountingAllocator extends AbstractByteBufAllocator {

  private final AtomicInteger live = new AtomicInteger();

  public CountingAllocator() {
    super(false);
  }

  /** Buffers allocated here and not yet released. */
  public int live() {
    return live.get();
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    live.incrementAndGet();
    return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
      @Override
      protected void deallocate() {
        super.deallocate();
        live.decrementAndGet();
      }
    };
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return newHeapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }
}
