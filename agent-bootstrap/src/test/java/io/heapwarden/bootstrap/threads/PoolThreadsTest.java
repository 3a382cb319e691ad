package io.heapwarden.bootstrap.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolThreadsTest {

  @Test
  void aWorkerThatDiesOfAFailureGetsItsPoolANewWorker() throws Exception {
    PoolThreads threads = new PoolThreads("heapwarden-pool-test");
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    threads.serve(pool);
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      // A worker whose pool code fails between tasks, as when it runs out of memory while waiting.
      Thread dying =
          threads.newThread(
              () -> {
                throw new OutOfMemoryError("Java heap space");
              });
      assertThat(pool.getPoolSize()).isZero();

      dying.start();
      dying.join(10_000);

      assertThat(dying.isAlive()).isFalse();
      assertThat(pool.getPoolSize()).as("workers after the death").isEqualTo(1);
      assertThat(pool.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
          .isEqualTo("heapwarden-pool-test");
    } finally {
      System.setErr(originalErr);
      pool.shutdownNow();
    }
  }
}
