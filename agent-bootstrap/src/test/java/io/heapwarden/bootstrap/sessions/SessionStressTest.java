package io.heapwarden.bootstrap.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.sessions.SessionTestRules.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Many threads create, use and abandon sessions of one thread-safe session map while a sweeper
 * thread expires idle ones, all on a clock that every operation moves forward. Each thread owns its
 * keys and appends numbered messages through {@code compute}, so it knows what every session it
 * still has must hold: a session is either gone (evicted; it starts afresh at 1) or continues
 * exactly where the thread left it. Anything else is a lost update.
 */
class SessionStressTest {
  private static final int THREADS = 6;
  private static final int MAX_SESSIONS = 200;
  private static final int WINDOW = 5;
  private static final int KEYS_PER_THREAD = 400;
  private static final int OPS_PER_THREAD = 40_000;
  private static final long NANOS_PER_OP = 5_000_000;
  private static final long IDLE_SECONDS =
      1; // 200 operations of all threads: cold sessions idle out

  @Test
  void noExceptionNoLostUpdateAndTheActiveCountWithinBoundPlusThreads() throws Exception {
    Rule rule = SessionTestRules.rule(MAX_SESSIONS, IDLE_SECONDS, WINDOW);
    ManualClock clock = new ManualClock();
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<String, List<Long>> map =
        (ConcurrentHashMap<String, List<Long>>)
            SessionMaps.copyOf(new ConcurrentHashMap<>(), rule, clock);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong largest = new AtomicLong();
    AtomicLong evictedSeen = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);

    Thread sweeper =
        new Thread(
            () -> {
              while (running.get()) {
                ((ConcurrentSessionMap<?, ?>) map).expireIdle();
                Thread.yield();
              }
            });
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  run(thread, map, clock, largest, evictedSeen);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              }));
    }
    sweeper.start();
    workers.forEach(Thread::start);
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    running.set(false);
    sweeper.join();

    assertThat(failure.get()).isNull();
    assertThat(rule.enabled()).isTrue();
    assertThat(largest.get()).isLessThanOrEqualTo(MAX_SESSIONS + THREADS);
    assertThat(map.mappingCount()).isLessThanOrEqualTo(MAX_SESSIONS);
    assertThat(evictedSeen.get()).as("sessions found evicted").isPositive();
    assertThat(
            SessionStats.total(rule, EvictionReason.CAPACITY)
                + SessionStats.total(rule, EvictionReason.IDLE))
        .isPositive();
    assertThat(SessionStats.total(rule, EvictionReason.IDLE)).as("idle evictions").isPositive();
  }

  private static void run(
      int thread,
      ConcurrentHashMap<String, List<Long>> map,
      ManualClock clock,
      AtomicLong largest,
      AtomicLong evictedSeen) {
    SplittableRandom random = new SplittableRandom(thread);
    long[] last = new long[KEYS_PER_THREAD]; // the newest number each of my sessions holds
    for (int op = 0; op < OPS_PER_THREAD; op++) {
      clock.advanceNanos(NANOS_PER_OP);
      // a few hot sessions, many touched now and then and abandoned
      int k = random.nextInt(4) == 0 ? random.nextInt(KEYS_PER_THREAD) : random.nextInt(10);
      String key = thread + ":" + k;
      if (random.nextInt(4) == 0) {
        List<Long> seen = map.get(key);
        if (seen == null) {
          continue; // gone: the next write starts it afresh
        }
        synchronized (seen) {
          long newest = seen.get(seen.size() - 1);
          if (newest != last[k]) {
            throw new AssertionError(key + " holds " + seen + ", expected to end at " + last[k]);
          }
        }
        continue;
      }
      List<Long> after =
          map.compute(
              key,
              (ignored, old) -> {
                List<Long> list = old == null ? new ArrayList<>() : old;
                list.add(old == null ? 1L : old.get(old.size() - 1) + 1);
                return list;
              });
      long newest;
      int size;
      synchronized (after) {
        newest = after.get(after.size() - 1);
        size = after.size();
      }
      if (newest == 1 && last[k] != 0) {
        evictedSeen.incrementAndGet();
      } else if (newest != last[k] + 1) {
        throw new AssertionError(key + " lost an update: " + newest + " after " + last[k]);
      }
      if (size > WINDOW) {
        throw new AssertionError(key + " outgrew its window: " + size);
      }
      last[k] = newest;
      largest.accumulateAndGet(map.mappingCount(), Math::max);
    }
  }
}
