package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads hammer a thread-safe bounded map with mixed operations. Each thread owns its own
 * keys, so it knows every key's latest value: whatever is still in the map must be exactly that.
 *
 * <p>The size is sampled while the writers are held between two operations (each holds a read lock
 * per operation; the sampler takes the write lock). A sample taken while writers run would mean
 * nothing: {@code ConcurrentHashMap.size()} sums its counter cells one by one, so a sampler
 * descheduled halfway sees the increments of one thread without the decrements of another and
 * overstates the size (by 30 to 40 here, before this lock). Between operations no eviction is
 * pending, so the size must be within the bound itself, stricter than bound plus writers.
 */
class ConcurrentBoundedMapStressTest {
  private static final int BOUND = 1_000;
  private static final int THREADS = 4;
  private static final int KEYS_PER_THREAD = 2_000;
  private static final int OPS_PER_THREAD = 150_000;

  @ParameterizedTest(name = "lru={0}")
  @ValueSource(booleans = {false, true})
  void boundedConcurrentHashMap(boolean lru) throws Exception {
    Rule rule = TestRules.maxEntries(BOUND);
    stress(new BoundedConcurrentHashMap<>(rule, lru), rule);
  }

  @ParameterizedTest(name = "lru={0}")
  @ValueSource(booleans = {false, true})
  void synchronizedHashMapReplacedByBoundedMaps(boolean lru) throws Exception {
    Rule rule = TestRules.maxEntries(BOUND);
    Map<Integer, Integer> original = Collections.synchronizedMap(new HashMap<>());
    @SuppressWarnings("unchecked") // copyOf returns what it was given: a Map<Integer, Integer>
    Map<Integer, Integer> bounded = (Map<Integer, Integer>) BoundedMaps.copyOf(original, rule, lru);
    stress(bounded, rule);
  }

  private static void stress(Map<Integer, Integer> map, Rule rule) throws Exception {
    ReentrantReadWriteLock betweenOperations = new ReentrantReadWriteLock();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong largestSize = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Map<Integer, Integer>> expected = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Map<Integer, Integer> mine = new HashMap<>();
      expected.add(mine);
      int firstKey = t * KEYS_PER_THREAD;
      Lock operation = betweenOperations.readLock();
      writers.add(
          new Thread(
              () -> run(map, mine, firstKey, operation, start, failure), "stress-writer-" + t));
    }
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                betweenOperations.writeLock().lock();
                try {
                  largestSize.accumulateAndGet(map.size(), Math::max);
                  samples.incrementAndGet();
                } finally {
                  betweenOperations.writeLock().unlock();
                }
                Thread.onSpinWait();
              }
            },
            "stress-sampler");
    writers.forEach(Thread::start);
    sampler.start();
    start.countDown();
    for (Thread writer : writers) {
      writer.join(30_000);
      assertThat(writer.isAlive()).as("%s finished (no deadlock)", writer.getName()).isFalse();
    }
    running.set(false);
    sampler.join(5_000);

    assertThat(failure.get()).isNull();
    assertThat(rule.enabled()).isTrue();
    assertThat(samples.get()).isGreaterThan(10);
    assertThat(largestSize.get()).isLessThanOrEqualTo(BOUND);
    assertThat(map.size()).isLessThanOrEqualTo(BOUND);
    long missing = 0;
    for (Map<Integer, Integer> mine : expected) {
      for (Map.Entry<Integer, Integer> entry : mine.entrySet()) {
        Integer actual = map.get(entry.getKey());
        if (actual == null) {
          missing++;
        } else {
          assertThat(actual).as("latest value of %s", entry.getKey()).isEqualTo(entry.getValue());
        }
      }
    }
    int expectedPresent = expected.stream().mapToInt(Map::size).sum();
    assertThat(map.size()).isLessThanOrEqualTo(expectedPresent); // removed keys stay removed
    assertThat(missing).isLessThanOrEqualTo(rule.total(Action.EVICTED));
    assertThat(rule.total(Action.EVICTED)).isGreaterThan(0);
  }

  private static void run(
      Map<Integer, Integer> map,
      Map<Integer, Integer> mine,
      int firstKey,
      Lock operation,
      CountDownLatch start,
      AtomicReference<Throwable> failure) {
    SplittableRandom random = new SplittableRandom(firstKey);
    try {
      start.await();
      for (int i = 0; i < OPS_PER_THREAD; i++) {
        operation.lock();
        try {
          step(map, mine, firstKey + random.nextInt(KEYS_PER_THREAD), random.nextInt(100), i);
        } finally {
          operation.unlock();
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  private static void step(
      Map<Integer, Integer> map, Map<Integer, Integer> mine, Integer key, int op, int i) {
    if (op < 35) {
      map.put(key, i);
      mine.put(key, i);
    } else if (op < 60) {
      Integer value = map.get(key);
      if (value != null && !value.equals(mine.get(key))) {
        throw new AssertionError(key + " read " + value + ", wrote " + mine.get(key));
      }
    } else if (op < 70) {
      map.remove(key);
      mine.remove(key);
    } else if (op < 80) {
      mine.put(key, map.compute(key, (k, old) -> old == null ? 1 : old + 1));
    } else if (op < 90) {
      mine.put(key, map.merge(key, 1, Integer::sum));
    } else if (op < 95) {
      mine.put(key, map.computeIfAbsent(key, k -> -1));
    } else {
      Integer previous = map.putIfAbsent(key, -2);
      mine.put(key, previous == null ? -2 : previous);
    }
  }
}
