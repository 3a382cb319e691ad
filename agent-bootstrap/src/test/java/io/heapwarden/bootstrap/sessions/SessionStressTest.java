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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Many threads create, use and abandon sessions of one thread-safe session map while a sweeper
 * thread expires idle ones, all on a clock that every operation moves forward. Each thread owns its
 * keys and appends numbered messages through {@code compute}, so it knows what every session it
 * still has must hold: a session is either gone (evicted; it starts afresh at 1) or continues
 * exactly where the thread left it. Anything else is a lost update.
 *
 * <p>It asserts what {@link ConcurrentSessionMap} guarantees under contention, from the test's own
 * counts rather than the map's racy size: a session is counted when its thread creates it (inside
 * {@code compute}, before the map holds it) and uncounted when the map ends it ({@code on-evict:
 * close}, after the map let it go), so {@code created - ended} is never below what the map holds.
 * The map holds at most {@code max-sessions} plus one session per writer still inside a write that
 * adds one; the count may also still hold, per evicting thread (the writers and the sweeper), one
 * session that is out of the map but not yet ended. Once every thread has stopped, the count is
 * exact and every session left is within reach of the idle timeout.
 *
 * <p>A build runs it once. {@code -Dheapwarden.stress.repetitions=200} runs it 200 times:
 *
 * <pre>
 * mvn -B -o -pl agent-bootstrap test -Dtest=SessionStressTest -Dheapwarden.stress.repetitions=200
 * </pre>
 */
class SessionStressTest {
  private static final int THREADS = 6;
  private static final int EVICTING_THREADS = THREADS + 1; // the writers and the sweeper
  private static final int MAX_SESSIONS = 200;
  private static final int WINDOW = 5;
  private static final int KEYS_PER_THREAD = 400;
  private static final int OPS_PER_THREAD = 40_000;
  private static final long NANOS_PER_OP = 5_000_000;
  private static final long IDLE_SECONDS =
      1; // 200 operations of all threads: cold sessions idle out

  @TestFactory
  List<DynamicTest> sessionsStayWithinTheCapUnderContention() {
    int repetitions = Integer.getInteger("heapwarden.stress.repetitions", 1);
    List<DynamicTest> runs = new ArrayList<>(repetitions);
    for (int i = 1; i <= repetitions; i++) {
      runs.add(DynamicTest.dynamicTest("run " + i + " of " + repetitions, SessionStressTest::run));
    }
    return runs;
  }

  /** A session's history; closing it (the map ends an evicted session so) uncounts it. */
  private static final class History extends ArrayList<Long> implements AutoCloseable {
    private static final long serialVersionUID = 1L;
    private final transient Counts counts;
    private final AtomicBoolean ended = new AtomicBoolean();

    History(Counts counts) {
      this.counts = counts;
    }

    @Override
    public void close() {
      if (ended.compareAndSet(false, true)) {
        counts.ended.incrementAndGet();
        counts.live.decrementAndGet();
      } else {
        counts.endedTwice.incrementAndGet();
      }
    }
  }

  /** The test's own count of sessions: created minus ended, never below what the map holds. */
  private static final class Counts {
    final AtomicLong created = new AtomicLong();
    final AtomicLong ended = new AtomicLong();
    final AtomicLong peak = new AtomicLong();
    final AtomicLong evictedSeen = new AtomicLong();
    final AtomicLong endedTwice = new AtomicLong();

    /** Created minus ended, in one counter: two counters read apart could drift. */
    final AtomicLong live = new AtomicLong();
  }

  private static void run() throws Exception {
    Rule rule = SessionTestRules.rule(MAX_SESSIONS, IDLE_SECONDS, WINDOW);
    SessionRules.install(rule.id(), SessionAdapters.DEFAULT, true); // on-evict: close
    ManualClock clock = new ManualClock();
    @SuppressWarnings("unchecked")
    ConcurrentSessionMap<String, List<Long>> map =
        (ConcurrentSessionMap<String, List<Long>>)
            SessionMaps.copyOf(new ConcurrentHashMap<>(), rule, clock);
    Counts counts = new Counts();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);

    Thread sweeper =
        new Thread(
            () -> {
              while (running.get()) {
                map.expireIdle();
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
                  work(thread, map, clock, counts);
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

    assertThat(counts.endedTwice.get()).as("sessions ended twice").isZero();
    assertThat(failure.get()).isNull();
    assertThat(rule.enabled()).isTrue();
    assertThat(counts.peak.get())
        .as("created - ended, at its highest")
        .isLessThanOrEqualTo(MAX_SESSIONS + THREADS + EVICTING_THREADS);
    assertThat(counts.live.get()).as("sessions at rest").isEqualTo(map.size());
    assertThat(map.size()).isLessThanOrEqualTo(MAX_SESSIONS);
    assertThat(counts.evictedSeen.get()).as("sessions found evicted").isPositive();
    assertThat(counts.ended.get())
        .as("every eviction counted once")
        .isEqualTo(
            SessionStats.total(rule, EvictionReason.CAPACITY)
                + SessionStats.total(rule, EvictionReason.IDLE)
                + SessionStats.total(rule, EvictionReason.PRESSURE));
    assertThat(SessionStats.total(rule, EvictionReason.IDLE)).as("idle evictions").isPositive();

    // Every session the map still holds is tracked: past the idle timeout, one sweep ends them all.
    clock.advanceSeconds(IDLE_SECONDS + 1);
    map.expireIdle();
    assertThat(map).as("sessions the sweeper could not see").isEmpty();
    assertThat(counts.live.get()).isZero();
  }

  private static void work(
      int thread, ConcurrentSessionMap<String, List<Long>> map, ManualClock clock, Counts counts) {
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
                List<Long> list = old;
                if (old == null) {
                  list = new History(counts);
                  counts.created.incrementAndGet();
                  counts.live.incrementAndGet(); // before the map holds it
                }
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
        counts.evictedSeen.incrementAndGet();
      } else if (newest != last[k] + 1) {
        throw new AssertionError(key + " lost an update: " + newest + " after " + last[k]);
      }
      if (size > WINDOW) {
        throw new AssertionError(key + " outgrew its window: " + size);
      }
      last[k] = newest;
      counts.peak.accumulateAndGet(counts.live.get(), Math::max);
    }
  }
}
