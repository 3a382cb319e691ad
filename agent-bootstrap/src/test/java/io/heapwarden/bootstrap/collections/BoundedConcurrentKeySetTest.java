package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/** The bounded replacement of a {@code ConcurrentHashMap.newKeySet()} set. */
class BoundedConcurrentKeySetTest {

  @SuppressWarnings("unchecked") // copyOf returns a set of what it was given
  private static Set<String> copyOf(Set<String> original, Rule rule, boolean lru) {
    return (Set<String>) BoundedSequences.copyOf(original, rule, lru);
  }

  @Test
  void aNewKeySetIsReplacedWithItsElementsTrimmedOldestFirst() {
    Set<String> original = ConcurrentHashMap.newKeySet();
    original.addAll(List.of("a", "b", "c"));
    Rule rule = TestRules.maxEntries(2);

    Set<String> bounded = copyOf(original, rule, false);

    assertThat(bounded).isInstanceOf(BoundedConcurrentKeySet.class).hasSize(2);
    assertThat(((Bounded) bounded).rule()).isSameAs(rule);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void fifoEvictsTheOldestInserted() {
    Rule rule = TestRules.maxEntries(3);
    Set<String> set = new BoundedConcurrentKeySet<>(rule, false);
    set.addAll(List.of("a", "b", "c"));
    set.contains("a");
    set.add("d");
    assertThat(set).containsExactlyInAnyOrder("b", "c", "d");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void lruGivesAnElementFoundByContainsASecondChance() {
    Set<String> set = new BoundedConcurrentKeySet<>(TestRules.maxEntries(3), true);
    set.addAll(List.of("a", "b", "c"));
    assertThat(set.contains("a")).isTrue();
    set.add("d");
    assertThat(set).containsExactlyInAnyOrder("a", "c", "d");
  }

  @Test
  void aLoweredLimitShrinksTheSetOnItsNextAdd() {
    Rule rule = TestRules.maxEntries(10);
    Set<String> set = new BoundedConcurrentKeySet<>(rule, false);
    for (int i = 0; i < 10; i++) {
      set.add("k" + i);
    }
    TestRules.setMaxEntries(rule, 4);
    set.add("new");
    assertThat(set).containsExactlyInAnyOrder("k7", "k8", "k9", "new");
  }

  @Test
  void rejectsNullsAsKeySetViewDoes() {
    Set<String> view = ConcurrentHashMap.newKeySet();
    Set<String> set = new BoundedConcurrentKeySet<>(TestRules.maxEntries(10), true);
    for (Set<String> s : List.of(view, set)) {
      assertThatThrownBy(() -> s.add(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> s.contains(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> s.remove(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> s.addAll(Arrays.asList("x", null)))
          .isInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void equalsAndHashCodeAreThoseOfASet() {
    Set<String> view = ConcurrentHashMap.newKeySet();
    Set<String> set = new BoundedConcurrentKeySet<>(TestRules.maxEntries(10), false);
    view.addAll(List.of("a", "b"));
    set.addAll(List.of("b", "a"));
    assertThat(set).isEqualTo(view).isEqualTo(new HashSet<>(view));
    assertThat(view).isEqualTo(set);
    assertThat(set.hashCode()).isEqualTo(view.hashCode());
  }

  @Test
  void iteratingWhileAddingNeverThrowsAndSpliteratorsAreConcurrent() {
    Set<String> set = new BoundedConcurrentKeySet<>(TestRules.maxEntries(5), false);
    set.addAll(List.of("a", "b", "c"));
    int i = 0;
    for (String s : set) {
      set.add(s + i++); // evicts and adds while iterating: weakly consistent, no CME
    }
    assertThat(set.size()).isLessThanOrEqualTo(5);
    assertThat(set.spliterator().hasCharacteristics(Spliterator.CONCURRENT)).isTrue();
    assertThat(set.spliterator().hasCharacteristics(Spliterator.NONNULL)).isTrue();
  }

  @Test
  void aKeySetViewWithoutAMappedValueCannotGrowAndIsNotReplaced() {
    ConcurrentHashMap<String, Integer> map = new ConcurrentHashMap<>();
    assertThat(BoundedSequences.copyOf(map.keySet(), TestRules.maxEntries(2), false)).isNull();
    assertThat(BoundedCollections.unsupportedReason(map.keySet())).contains("cannot grow");
  }

  @Test
  void serializesAsAPlainNewKeySet() throws Exception {
    Set<String> set = new BoundedConcurrentKeySet<>(TestRules.maxEntries(10), true);
    set.addAll(List.of("a", "b"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(set);
    }
    Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(copy).isInstanceOf(ConcurrentHashMap.KeySetView.class).isEqualTo(set);
  }

  /**
   * Four threads add, remove and look up their own elements: no exception, no deadlock, the size
   * within the bound whenever no operation is in flight, and every element a thread added and did
   * not remove is either still there or was evicted (counted).
   *
   * <p>Each operation holds a read lock; every 64th operation a writer samples the size under the
   * write lock, when no eviction is pending. A size read while others write proves nothing: {@code
   * ConcurrentHashMap.size()} sums its counter cells one by one and can see one thread's increments
   * without another's decrements (509 with bound 500 and four writers was seen).
   */
  @Test
  void stress() throws Exception {
    int bound = 500;
    int threads = 4;
    Rule rule = TestRules.maxEntries(bound);
    Set<Integer> set = new BoundedConcurrentKeySet<>(rule, true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong largest = new AtomicLong();
    ReentrantReadWriteLock betweenOperations = new ReentrantReadWriteLock();
    CountDownLatch start = new CountDownLatch(1);
    List<Set<Integer>> expected = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Set<Integer> mine = new HashSet<>();
      expected.add(mine);
      int first = t * 2_000;
      writers.add(
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(first);
                try {
                  start.await();
                  for (int i = 0; i < 150_000; i++) {
                    Integer e = first + random.nextInt(2_000);
                    int op = random.nextInt(100);
                    betweenOperations.readLock().lock();
                    try {
                      operate(set, mine, e, op);
                    } finally {
                      betweenOperations.readLock().unlock();
                    }
                    if (i % 64 == 0) {
                      betweenOperations.writeLock().lock();
                      try {
                        largest.accumulateAndGet(set.size(), Math::max);
                      } finally {
                        betweenOperations.writeLock().unlock();
                      }
                    }
                  }
                } catch (Throwable failed) {
                  failure.compareAndSet(null, failed);
                }
              },
              "key-set-writer-" + t));
    }
    writers.forEach(Thread::start);
    start.countDown();
    for (Thread writer : writers) {
      writer.join(60_000);
      assertThat(writer.isAlive()).as("%s finished (no deadlock)", writer.getName()).isFalse();
    }
    assertThat(failure.get()).isNull();
    assertThat(rule.enabled()).isTrue();
    assertThat(largest.get()).isLessThanOrEqualTo(bound);
    assertThat(set.size()).isLessThanOrEqualTo(bound);
    long missing = 0;
    for (Set<Integer> mine : expected) {
      for (Integer e : mine) {
        if (!set.contains(e)) {
          missing++;
        }
      }
    }
    assertThat(missing).isLessThanOrEqualTo(rule.total(Action.EVICTED));
    assertThat(rule.total(Action.EVICTED)).isGreaterThan(0);
    Set<Integer> added = new HashSet<>();
    expected.forEach(added::addAll);
    assertThat(added).containsAll(set); // removed elements stay removed
  }

  private static void operate(Set<Integer> set, Set<Integer> mine, Integer e, int op) {
    if (op < 45) {
      set.add(e);
      mine.add(e);
    } else if (op < 55) {
      set.remove(e);
      mine.remove(e);
    } else if (op < 95) {
      set.contains(e);
    } else {
      for (Integer seen : set) {
        if (seen == null) {
          throw new AssertionError("null element");
        }
      }
    }
  }
}
