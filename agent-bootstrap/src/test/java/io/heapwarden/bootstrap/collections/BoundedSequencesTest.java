package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BoundedSequencesTest {

  static Stream<Supplier<Collection<Integer>>> originals() {
    return Stream.of(
        ArrayList::new,
        LinkedList::new,
        ArrayDeque::new,
        LinkedBlockingQueue::new,
        () -> new LinkedBlockingQueue<>(50),
        LinkedBlockingDeque::new,
        () -> new ArrayBlockingQueue<>(50),
        ConcurrentLinkedQueue::new,
        ConcurrentLinkedDeque::new,
        HashSet::new,
        LinkedHashSet::new,
        () -> Collections.synchronizedList(new ArrayList<>()),
        () -> Collections.synchronizedList(new LinkedList<>()));
  }

  private static Collection<Integer> filled(Supplier<Collection<Integer>> original, int n) {
    Collection<Integer> c = original.get();
    for (int i = 1; i <= n; i++) {
      c.add(i);
    }
    return c;
  }

  @ParameterizedTest
  @MethodSource("originals")
  void copiesAreAssignableAndKeepTheNewestCountedAsEvictions(
      Supplier<Collection<Integer>> factory) {
    Collection<Integer> original = filled(factory, 10);
    Rule rule = TestRules.maxEntries(4);
    Collection<?> copy = BoundedSequences.copyOf(original, rule, false);
    assertThat(copy).isNotNull();
    assertThat(original.getClass().isInstance(copy)).isTrue();
    assertThat(new ArrayList<Object>(copy)).containsExactly(7, 8, 9, 10);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(6);
    assertThat(original).hasSize(10);
  }

  @ParameterizedTest
  @MethodSource("originals")
  void copiesWithinTheBoundKeepEverythingAndStayBounded(Supplier<Collection<Integer>> factory) {
    Collection<Integer> original = filled(factory, 3);
    Rule rule = TestRules.maxEntries(4);
    @SuppressWarnings("unchecked")
    Collection<Integer> copy = (Collection<Integer>) BoundedSequences.copyOf(original, rule, true);
    assertThat(copy).containsExactlyElementsOf(original);
    copy.addAll(List.of(4, 5, 6));
    assertThat(new ArrayList<>(copy)).containsExactly(3, 4, 5, 6);
    if (!(copy instanceof List)) { // the synchronized wrappers are not Bounded themselves
      assertThat(copy).isInstanceOf(Bounded.class);
    }
  }

  @Test
  void blockingQueuesKeepTheirCapacity() {
    BlockingQueue<Integer> original = new ArrayBlockingQueue<>(7);
    original.add(1);
    BlockingQueue<?> copy =
        (BlockingQueue<?>) BoundedSequences.copyOf(original, TestRules.maxEntries(100), false);
    assertThat(copy.remainingCapacity()).isEqualTo(6);
    BlockingQueue<?> unbounded =
        (BlockingQueue<?>)
            BoundedSequences.copyOf(new LinkedBlockingDeque<>(), TestRules.maxEntries(3), false);
    assertThat(unbounded.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @MethodSource("originals")
  void serializesAsAPlainJdkCollectionOfTheOriginalType(Supplier<Collection<Integer>> factory)
      throws IOException, ClassNotFoundException {
    Collection<Integer> original = filled(factory, 3);
    Collection<?> copy = BoundedSequences.copyOf(original, TestRules.maxEntries(10), false);
    Object back = roundTrip(copy);
    assertThat(back.getClass()).isEqualTo(original.getClass());
    assertThat(new ArrayList<Object>((Collection<?>) back)).containsExactly(1, 2, 3);
  }

  @Test
  void boundedSetsSerializeAsTheSetTheyReplaced() throws IOException, ClassNotFoundException {
    Rule rule = TestRules.maxEntries(10);
    assertThat(roundTrip(new BoundedLinkedHashSet<>(rule, true, true)).getClass())
        .isEqualTo(HashSet.class);
    assertThat(roundTrip(new BoundedLinkedHashSet<>(rule, false, false)).getClass())
        .isEqualTo(LinkedHashSet.class);
  }

  @Test
  void unsupportedClassesAreLeftAloneWithAReason() {
    List<Collection<Integer>> unsupported =
        List.of(
            Arrays.asList(1, 2),
            List.of(1),
            Collections.unmodifiableList(new ArrayList<>()),
            new CopyOnWriteArrayList<>(),
            new TreeSet<>(),
            Collections.synchronizedSet(new HashSet<>()),
            new HashMap<Integer, Integer>().keySet(),
            new ArrayList<>() {
              private static final long serialVersionUID = 1L;
            },
            new ServiceList());
    for (Collection<Integer> c : unsupported) {
      assertThat(BoundedSequences.copyOf(c, TestRules.maxEntries(3), false))
          .as(c.getClass().getName())
          .isNull();
      assertThat(BoundedSequences.unsupportedReason(c.getClass()))
          .as(c.getClass().getName())
          .isNotBlank();
    }
    assertThat(BoundedSequences.unsupportedReason(Arrays.asList(1).getClass())).contains("fixed");
    assertThat(BoundedSequences.unsupportedReason(List.of(1).getClass())).contains("immutable");
    assertThat(BoundedSequences.unsupportedReason(ServiceList.class))
        .isEqualTo("a subclass of java.util.ArrayList: its overrides would be lost");
    assertThat(BoundedSequences.unsupportedReason(HashMap.class)).contains("map");
    assertThat(BoundedSequences.unsupportedReason(ArrayList.class)).isNull();
    assertThat(
            BoundedSequences.unsupportedReason(
                Collections.synchronizedList(new ArrayList<>()).getClass()))
        .isNull();
  }

  @Test
  void aSynchronizedListIsCopiedUnderItsLockAndStaysSynchronized() throws Exception {
    List<Integer> original = Collections.synchronizedList(new ArrayList<>(List.of(1, 2, 3)));
    AtomicReference<Collection<?>> copy = new AtomicReference<>();
    Thread copier =
        new Thread(
            () -> copy.set(BoundedSequences.copyOf(original, TestRules.maxEntries(2), false)));
    synchronized (original) {
      copier.start();
      while (copier.getState() != Thread.State.BLOCKED) {
        assertThat(copier.isAlive()).isTrue();
        Thread.onSpinWait();
      }
      original.add(4); // the holder of the lock may still write; the copy sees it
    }
    copier.join(10_000);
    assertThat(new ArrayList<Object>(copy.get())).containsExactly(3, 4);
    assertThat(copy.get().getClass()).isEqualTo(original.getClass());
  }

  private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  /** A service's own list type. */
  static final class ServiceList extends ArrayList<Integer> {
    private static final long serialVersionUID = 1L;
  }
}
