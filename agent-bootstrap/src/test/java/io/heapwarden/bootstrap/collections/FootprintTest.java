package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.vm.VM;

/**
 * What bounding costs in memory, per type, measured with JOL ({@link Footprint}): a deterministic
 * measurement of the objects each collection holds, not a timing. Below the bound (one entry) a
 * bounded collection may cost at most 32 bytes over its JDK original; at the bound, a bounded map
 * at most 16 bytes per entry over the hand-written LRU ({@code LinkedHashMap} in access order with
 * {@code removeEldestEntry}). The registry's weak reference to a thread-safe collection (what the
 * pressure guard's emergency trim reaches it by) is not part of the collection: it is reported in
 * its own column of the table this test writes to {@code target/footprint.md}
 * (benchmarks/footprint/footprint-table.sh prints it).
 */
class FootprintTest {
  private static final int BOUND = 10;
  private static final int LARGE_BOUND = 1000;
  private static final List<Object> KEYS = new ArrayList<>();
  private static final List<Object> VALUES = new ArrayList<>();

  static {
    for (int i = 0; i < 2 * LARGE_BOUND; i++) {
      KEYS.add("key-" + i);
      VALUES.add("value-" + i);
    }
  }

  /** A type the agent bounds: its JDK original, empty, and whether it is a map. */
  private record Kind(String name, boolean lru, Supplier<Object> original) {
    boolean map() {
      return original.get() instanceof Map;
    }
  }

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ArrayList", false, ArrayList::new),
          new Kind("LinkedList", false, LinkedList::new),
          new Kind("ArrayDeque", false, ArrayDeque::new),
          new Kind("HashMap, lru", true, HashMap::new),
          new Kind("HashMap, fifo", false, HashMap::new),
          new Kind("LinkedHashMap, lru", true, LinkedHashMap::new),
          new Kind("TreeMap, lru", true, TreeMap::new),
          new Kind("HashSet, lru", true, HashSet::new),
          new Kind("LinkedHashSet, fifo", false, LinkedHashSet::new),
          new Kind("ConcurrentHashMap, lru", true, ConcurrentHashMap::new),
          new Kind("ConcurrentHashMap, fifo", false, ConcurrentHashMap::new),
          new Kind("ConcurrentHashMap.newKeySet, lru", true, ConcurrentHashMap::newKeySet),
          new Kind("LinkedBlockingQueue", false, LinkedBlockingQueue::new),
          new Kind("LinkedBlockingDeque", false, LinkedBlockingDeque::new),
          new Kind("ArrayBlockingQueue(2048)", false, () -> new ArrayBlockingQueue<>(2048)),
          new Kind("ConcurrentLinkedQueue", false, ConcurrentLinkedQueue::new),
          new Kind("ConcurrentLinkedDeque", false, ConcurrentLinkedDeque::new));

  /**
   * Met by every type but a {@code ConcurrentHashMap} under {@code fifo}, which keeps its queue of
   * keys from the first insertion so that its eviction order is the insertion order (under {@code
   * lru} the queue waits for half the bound, its first keys in hash order; see collections.md).
   */
  @Test
  void belowItsBoundABoundedCollectionCostsAtMost32BytesOverItsJdkOriginal() {
    for (Kind kind : KINDS) {
      if (kind.name().equals("ConcurrentHashMap, fifo")) {
        continue;
      }
      assertThat(overBelowBound(kind)).as(kind.name()).isLessThanOrEqualTo(32);
    }
  }

  /**
   * Met by every map but a {@code LinkedHashMap} under {@code lru} with a small bound: its entries
   * cost what the hand-written LRU's do, so the CLOCK's fixed part (about 240 bytes: the ring, its
   * marks, the eviction counter) is all over it, 24 bytes per entry at a bound of 10.
   */
  @Test
  void atTheBoundABoundedMapCostsAtMost16BytesPerEntryOverTheHandWrittenLru() {
    for (Kind kind : KINDS) {
      if (kind.map() && !kind.name().startsWith("Concurrent")) {
        for (int bound : new int[] {BOUND, LARGE_BOUND}) {
          if (bound == BOUND && kind.name().equals("LinkedHashMap, lru")) {
            continue;
          }
          assertThat(perEntryOver(kind, bound))
              .as(kind.name() + ", bound " + bound)
              .isLessThanOrEqualTo(16.0);
        }
      }
    }
  }

  /** Writes the table of docs/performance.md to target/footprint.md. */
  @Test
  void writesTheTable() throws IOException {
    StringBuilder table = new StringBuilder();
    table.append(
        "| type | JDK original, 1 entry | bounded, 1 entry | over | registry | at the bound (10):"
            + " original / hand-written LRU | bounded | over, per entry | at the bound (1000):"
            + " over, per entry |\n");
    table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Kind kind : KINDS) {
      long original = bytes(filled(kind.original().get(), 1));
      long bounded = bytes(filled(boundedCopy(kind, BOUND), 1));
      long reference = bytes(reference(kind, BOUND));
      long boundedAtBound = bytes(filled(boundedCopy(kind, BOUND), 2 * BOUND));
      table
          .append("| ")
          .append(kind.name())
          .append(" | ")
          .append(original)
          .append(" | ")
          .append(bounded)
          .append(" | ")
          .append(bounded - original)
          .append(" | ")
          .append(registryBytes(boundedCopy(kind, BOUND)))
          .append(" | ")
          .append(reference)
          .append(" | ")
          .append(boundedAtBound)
          .append(" | ")
          .append(String.format("%.1f", perEntryOver(kind, BOUND)))
          .append(" | ")
          .append(String.format("%.1f", perEntryOver(kind, LARGE_BOUND)))
          .append(" |\n");
    }
    Path out = Path.of("target", "footprint.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
    System.out.print(table);
    assertThat(table).contains("ArrayList");
  }

  private static long overBelowBound(Kind kind) {
    return bytes(filled(boundedCopy(kind, BOUND), 1)) - bytes(filled(kind.original().get(), 1));
  }

  /**
   * At the bound, after {@code 2 * bound} insertions: bytes per entry over the reference (the
   * hand-written LRU for a map, the JDK original holding the same entries for the others).
   */
  private static double perEntryOver(Kind kind, int bound) {
    long bounded = bytes(filled(boundedCopy(kind, bound), 2 * bound));
    return (bounded - bytes(reference(kind, bound))) / (double) bound;
  }

  private static Object reference(Kind kind, int bound) {
    if (kind.map() && !kind.name().startsWith("Concurrent")) {
      return filled(new HandWrittenLru(bound), 2 * bound);
    }
    Object original = kind.original().get();
    for (int i = bound; i < 2 * bound; i++) {
      insert(original, i);
    }
    return original;
  }

  private static Object boundedCopy(Kind kind, int bound) {
    Rule rule = TestRules.maxEntries(bound);
    Object copy = BoundedCollections.copyOf(kind.original().get(), rule, kind.lru());
    assertThat(copy).as(kind.name()).isInstanceOf(Bounded.class);
    return copy;
  }

  private static Object filled(Object collection, int entries) {
    for (int i = 0; i < entries; i++) {
      insert(collection, i);
    }
    return collection;
  }

  @SuppressWarnings("unchecked")
  private static void insert(Object collection, int i) {
    if (collection instanceof Map) {
      ((Map<Object, Object>) collection).put(KEYS.get(i), VALUES.get(i));
    } else {
      ((Collection<Object>) collection).add(KEYS.get(i));
    }
  }

  /** The bytes of a collection's own objects: not its rule's, nor its entries'. */
  private static long bytes(Object collection) {
    List<Object> shared = new ArrayList<>(KEYS);
    shared.addAll(VALUES);
    shared.add(KeyRing.HOLE);
    if (collection instanceof Bounded) {
      shared.add(((Bounded) collection).rule());
    }
    return Footprint.of(collection, shared);
  }

  /**
   * What the live registry holds for a collection: one weak reference for a thread-safe one;
   * nothing for the others, but a sample of about {@link LiveRegistry#SAMPLE} per rule.
   */
  private static long registryBytes(Object collection) {
    return LiveCollections.isThreadSafe(collection)
        ? VM.current().sizeOf(new LiveRegistry.Node(collection))
        : 0;
  }

  /** The hand-written LRU the bounded maps are compared with. */
  private static final class HandWrittenLru extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
    private final int bound;

    HandWrittenLru(int bound) {
      super(16, 0.75f, true);
      this.bound = bound;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
      return size() > bound;
    }
  }
}
