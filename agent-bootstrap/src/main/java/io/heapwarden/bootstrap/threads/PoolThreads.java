package io.heapwarden.bootstrap.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * Agent threads for a {@link ThreadPoolExecutor}. A pool's worker dies when its own code fails
 * between tasks (an {@link OutOfMemoryError} while it waits for the next one), and the pool's
 * attempt to replace it can fail the same way, leaving scheduled tasks with no thread. So a worker
 * that dies of a failure stays on, pauses, and asks the pool for a new core worker until it gets
 * one (or the pool has one already), then ends.
 */
public final class PoolThreads implements ThreadFactory {
  private final String name;
  private volatile @Nullable ThreadPoolExecutor pool; // null until serve()

  /** Threads named {@code name}; call {@link #serve} with the pool built on this factory. */
  public PoolThreads(String name) {
    this.name = name;
  }

  /** The pool whose workers these threads are, so that a dead worker can be replaced. */
  public void serve(ThreadPoolExecutor pool) {
    this.pool = pool;
  }

  @Override
  public Thread newThread(Runnable worker) {
    return AgentThreads.newLoop(name, new Worker(worker));
  }

  private final class Worker implements Runnable {
    private final Runnable worker;
    private boolean ran;

    Worker(Runnable worker) {
      this.worker = worker;
    }

    @Override
    public void run() {
      if (!ran) {
        ran = true;
        worker.run(); // returns when the pool lets the worker go; throws when it died
        return;
      }
      ThreadPoolExecutor served = pool;
      if (served != null) {
        served.prestartCoreThread(); // throws again while memory is still out: retried
      }
    }
  }
}
