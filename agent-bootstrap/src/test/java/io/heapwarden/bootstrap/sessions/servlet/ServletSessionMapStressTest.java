package io.heapwarden.bootstrap.sessions.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.servlet.FakeSessions.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Request threads creating and using sessions against the sweeper: no failure, every eviction a
 * single invalidation through the container, and the map within its bound plus one per thread.
 */
class ServletSessionMapStressTest {
  private static final int THREADS = 8;
  private static final int LOGINS_PER_THREAD = 3_000;
  private static final int MAX = 100;

  @Test
  void concurrentLoginsUsesAndSweepsKeepTheBound() throws Exception {
    FakeSessions.Adapter adapter = new FakeSessions.Adapter();
    FakeSessions.Rule rule = new FakeSessions.Rule();
    rule.maxSessions = MAX;
    rule.idleTimeoutMillis = 50;
    FakeSessions.Clock clock = new FakeSessions.Clock();
    ServletSessionMap map = new ServletSessionMap(rule, type -> adapter, clock, java.util.Map.of());
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  List<String> mine = new ArrayList<>();
                  for (int i = 0; i < LOGINS_PER_THREAD; i++) {
                    long now = ++clock.now; // racy ticks are fine: only the order matters
                    String id = thread + "-" + i;
                    Session session = new Session(id, now, 1800);
                    session.container = map;
                    session.inUse = true; // the creating request
                    map.put(id, session);
                    session.inUse = false;
                    mine.add(id);
                    // a returning user
                    String back = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                    Object found = map.get(back);
                    if (found != null) {
                      ((Session) found).lastAccess = clock.now;
                    }
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              }));
    }
    Thread sweeper =
        new Thread(
            () -> {
              while (!done.get()) {
                map.sweep();
                Thread.yield();
              }
            });
    threads.forEach(Thread::start);
    sweeper.start();
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    done.set(true);
    sweeper.join();

    assertThat(errors).isEmpty();
    assertThat(rule.failures).isEmpty();
    assertThat(map.size()).isLessThanOrEqualTo(MAX + THREADS);
    int created = THREADS * LOGINS_PER_THREAD;
    // every session that left the map was invalidated, once, by the agent through the "container"
    assertThat(adapter.invalidated).doesNotHaveDuplicates().hasSize(created - map.size());
    assertThat(rule.evicted(EvictionReason.CAPACITY) + rule.evicted(EvictionReason.IDLE))
        .isEqualTo(created - map.size());
    for (Object session : map.values()) {
      assertThat(((Session) session).valid).isTrue();
    }
  }
}
