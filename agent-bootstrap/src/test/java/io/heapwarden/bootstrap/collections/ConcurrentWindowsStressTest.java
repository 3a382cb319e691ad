package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several producers, a consumer and a reader on each thread-safe bounded type: no exception, no
 * deadlock, the size never above the bound plus the number of producers, every entry consumed,
 * evicted or still there, and what is still there in each producer's order.
 */
class ConcurrentWindowsStressTest {
  private static final int BOUND = 64;
  private static final int PRODUCERS = 3;
  private static final int INSERTS_PER_PRODUCER = 100_000;
  private static final long PRODUCER_STRIDE = 1L << 32;

  /** One bounded type as the stress threads drive it. */
  interface Target {
    void insert(Long value, int op) throws InterruptedException;

    Long take();

    int size();

    /**
     * The size to sample during the run. The concurrent linked types count their nodes in {@code
     * size()} by walking them while others insert and remove, which over-counts under churn (their
     * documentation says as much); for them this is the entry count the bound is checked against.
     */
    default int sampledSize() {
      return size();
    }

    List<Long> snapshot();

    /** Reads that must not disturb the writers: iteration, contains, peek. */
    void read(Long probe);
  }

  static Stream<Arguments> targets() {
    return Stream.of(
        Arguments.of(
            "LinkedBlockingQueue",
            (Function<Rule, Target>)
                rule -> blocking(new BoundedLinkedBlockingQueue<>(rule, Integer.MAX_VALUE))),
        Arguments.of(
            "ArrayBlockingQueue at capacity",
            (Function<Rule, Target>)
                rule -> blocking(new BoundedArrayBlockingQueue<>(rule, BOUND))),
        Arguments.of(
            "LinkedBlockingDeque at capacity",
            (Function<Rule, Target>) rule -> deque(new BoundedLinkedBlockingDeque<>(rule, BOUND))),
        Arguments.of(
            "ConcurrentLinkedQueue",
            (Function<Rule, Target>) rule -> queue(new BoundedConcurrentLinkedQueue<>(rule))),
        Arguments.of(
            "ConcurrentLinkedDeque",
            (Function<Rule, Target>) rule -> deque(new BoundedConcurrentLinkedDeque<>(rule))),
        Arguments.of("synchronizedList", (Function<Rule, Target>) rule -> synchronizedList(rule)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void staysBoundedOrderedAndAccountedUnderContention(String name, Function<Rule, Target> factory)
      throws Exception {
    Rule rule = TestRules.maxEntries(BOUND);
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Signals.listen((failed, failure) -> failures.add(failure));
    Target target = factory.apply(rule);
    AtomicBoolean producing = new AtomicBoolean(true);
    AtomicLong consumed = new AtomicLong();
    AtomicInteger largestSample = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + 2);
    try {
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        long base = p * PRODUCER_STRIDE;
        producers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < INSERTS_PER_PRODUCER; i++) {
                    target.insert(base + i, i);
                  }
                  return null;
                }));
      }
      Future<?> consumer =
          pool.submit(
              () -> {
                long[] lastSeen = new long[PRODUCERS];
                java.util.Arrays.fill(lastSeen, -1);
                for (int i = 0; producing.get() || target.size() > 0; i++) {
                  if (i % 4 == 0) {
                    target.read((long) i);
                    continue;
                  }
                  Long v = target.take();
                  if (v != null) {
                    consumed.incrementAndGet();
                    int p = (int) (v / PRODUCER_STRIDE);
                    long seq = v % PRODUCER_STRIDE;
                    assertThat(seq).isGreaterThan(lastSeen[p]);
                    lastSeen[p] = seq;
                  }
                }
                return null;
              });
      Future<?> sampler =
          pool.submit(
              () -> {
                while (producing.get()) {
                  largestSample.accumulateAndGet(target.sampledSize(), Math::max);
                  Thread.onSpinWait();
                }
                return null;
              });
      for (Future<?> producer : producers) {
        producer.get(20, TimeUnit.SECONDS);
      }
      List<Long> remaining = target.snapshot();
      producing.set(false);
      sampler.get(20, TimeUnit.SECONDS);
      consumer.get(20, TimeUnit.SECONDS);

      assertThat(largestSample.get()).isLessThanOrEqualTo(BOUND + PRODUCERS);
      assertThat(remaining.size()).isLessThanOrEqualTo(BOUND);
      assertInEachProducersOrder(remaining);
      assertThat(consumed.get() + rule.total(Action.EVICTED) + target.size())
          .as("every entry consumed, evicted or still there")
          .isEqualTo((long) PRODUCERS * INSERTS_PER_PRODUCER);
      assertThat(failures).isEmpty();
      assertThat(rule.enabled()).isTrue();
    } finally {
      Signals.listen(null);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static void assertInEachProducersOrder(List<Long> entries) {
    long[] last = new long[PRODUCERS];
    java.util.Arrays.fill(last, -1);
    for (Long v : entries) {
      int p = (int) (v / PRODUCER_STRIDE);
      assertThat(v % PRODUCER_STRIDE).isGreaterThan(last[p]);
      last[p] = v % PRODUCER_STRIDE;
    }
  }

  private static Target blocking(BlockingQueue<Long> queue) {
    return new Target() {
      @Override
      public void insert(Long value, int op) throws InterruptedException {
        switch (op % 5) {
          case 0:
            queue.put(value);
            break;
          case 1:
            assertThat(queue.offer(value)).isTrue();
            break;
          case 2:
            assertThat(queue.offer(value, 1, TimeUnit.MILLISECONDS)).isTrue();
            break;
          case 3:
            queue.addAll(List.of(value));
            break;
          default:
            queue.add(value);
        }
      }

      @Override
      public Long take() {
        return queue.poll();
      }

      @Override
      public int size() {
        return queue.size();
      }

      @Override
      public List<Long> snapshot() {
        return new ArrayList<>(queue);
      }

      @Override
      public void read(Long probe) {
        queue.contains(probe);
        queue.peek();
        queue.forEach(v -> {});
      }
    };
  }

  private static Target queue(java.util.Queue<Long> queue) {
    return new Target() {
      @Override
      public int sampledSize() {
        return ((Window) queue).windowSize();
      }

      @Override
      public void insert(Long value, int op) {
        if (op % 3 == 0) {
          queue.addAll(List.of(value));
        } else {
          assertThat(op % 3 == 1 ? queue.offer(value) : queue.add(value)).isTrue();
        }
      }

      @Override
      public Long take() {
        return queue.poll();
      }

      @Override
      public int size() {
        return queue.size();
      }

      @Override
      public List<Long> snapshot() {
        return new ArrayList<>(queue);
      }

      @Override
      public void read(Long probe) {
        queue.contains(probe);
        queue.peek();
        queue.forEach(v -> {});
      }
    };
  }

  private static Target deque(Deque<Long> deque) {
    Target tail =
        deque instanceof BlockingDeque ? blocking((BlockingDeque<Long>) deque) : queue(deque);
    return new Target() {
      @Override
      public void insert(Long value, int op) throws InterruptedException {
        if (op % 7 == 6) {
          assertThat(deque.offerLast(value)).isTrue();
        } else {
          tail.insert(value, op);
        }
      }

      @Override
      public Long take() {
        return deque.pollFirst();
      }

      @Override
      public int sampledSize() {
        return tail.sampledSize();
      }

      @Override
      public int size() {
        return deque.size();
      }

      @Override
      public List<Long> snapshot() {
        return new ArrayList<>(deque);
      }

      @Override
      public void read(Long probe) {
        tail.read(probe);
        deque.peekLast();
        deque.descendingIterator().hasNext();
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Target synchronizedList(Rule rule) {
    List<Long> list =
        (List<Long>)
            BoundedSequences.copyOf(Collections.synchronizedList(new ArrayList<>()), rule, false);
    return new Target() {
      @Override
      public void insert(Long value, int op) {
        switch (op % 3) {
          case 0:
            list.add(value);
            break;
          case 1:
            list.addAll(List.of(value));
            break;
          default:
            synchronized (list) {
              ListIterator<Long> it = list.listIterator(list.size());
              it.add(value);
            }
        }
      }

      @Override
      public Long take() {
        synchronized (list) {
          return list.isEmpty() ? null : list.remove(0);
        }
      }

      @Override
      public int size() {
        return list.size();
      }

      @Override
      public List<Long> snapshot() {
        synchronized (list) {
          return new ArrayList<>(list);
        }
      }

      @Override
      public void read(Long probe) {
        list.contains(probe);
        synchronized (list) {
          list.forEach(v -> {});
        }
      }
    };
  }
}
