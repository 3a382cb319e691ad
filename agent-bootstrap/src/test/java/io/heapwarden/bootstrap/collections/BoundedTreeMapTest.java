package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BoundedTreeMapTest {

  private static BoundedTreeMap<String, Integer> map(Rule rule, boolean lru, String... keys) {
    BoundedTreeMap<String, Integer> map = new BoundedTreeMap<>(null, rule, lru);
    for (String key : keys) {
      map.put(key, key.charAt(0) - 'a');
    }
    return map;
  }

  @Test
  void fifoEvictsTheEldestInsertedNotTheSmallestAndIterationStaysSorted() {
    Rule rule = TestRules.maxEntries(3);
    BoundedTreeMap<String, Integer> map = map(rule, false, "c", "a", "b");
    map.get("c");
    map.put("d", 3);
    assertThat(map.keySet()).containsExactly("a", "b", "d");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void lruGivesAReadEntryASecondChance() {
    BoundedTreeMap<String, Integer> map = map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.put("d", 3); // b goes, a is queued behind d
    assertThat(map.keySet()).containsExactly("a", "c", "d");
    map.put("e", 4); // c
    map.put("f", 5); // d
    map.put("g", 6); // a
    assertThat(map.keySet()).containsExactly("e", "f", "g");
  }

  @Test
  void readingEveryKeyWhileIteratingAFullLruMapIsNoStructuralModification() {
    BoundedTreeMap<String, Integer> map =
        new BoundedTreeMap<>(null, TestRules.maxEntries(50), true);
    for (int i = 0; i < 50; i++) {
      map.put("k" + i, i);
    }
    long sum = 0;
    for (String key : map.keySet()) {
      sum += map.get(key) + map.getOrDefault(key, 0);
    }
    assertThat(sum).isEqualTo(2 * 1225);
  }

  @Test
  void insertionsThroughSubMapViewsAreBounded() {
    Rule rule = TestRules.maxEntries(2);
    BoundedTreeMap<String, Integer> map = map(rule, false, "a", "b");
    NavigableMap<String, Integer> tail = map.tailMap("b", true);
    tail.put("c", 2);
    tail.computeIfAbsent("d", k -> 3);
    tail.merge("e", 4, Integer::sum);
    assertThat(map.keySet()).containsExactly("d", "e");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(3);
  }

  @Test
  void keepsTheComparatorAndAcceptsNullKeysWhenItDoes() {
    Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.reverseOrder());
    BoundedTreeMap<String, Integer> map =
        new BoundedTreeMap<>(nullsFirst, TestRules.maxEntries(2), true);
    map.put(null, 0);
    map.put("a", 1);
    map.get(null);
    map.put("b", 2); // null has a second chance, a goes
    assertThat(map.comparator()).isSameAs(nullsFirst);
    assertThat(new ArrayList<>(map.keySet())).containsExactly(null, "b");
    assertThat(map.rule().enabled()).isTrue();
  }

  @Test
  void aRemovedKeyIsSkippedAndPutRemoveCyclesDoNotGrowTheQueueForever() {
    Rule rule = TestRules.maxEntries(3);
    BoundedTreeMap<String, Integer> map = map(rule, false);
    for (int i = 0; i < 10_000; i++) {
      map.put("t" + i, i);
      map.remove("t" + i);
    }
    map.put("a", 0);
    map.put("b", 1);
    map.remove("a");
    map.put("c", 2);
    map.put("d", 3);
    map.put("e", 4);
    assertThat(map.keySet()).containsExactly("c", "d", "e");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void aLoweredLimitShrinksTheMapOnItsNextInsertionAndTrimToCountsTrims() {
    Rule rule = TestRules.maxEntries(10);
    BoundedTreeMap<String, Integer> map = map(rule, false, "a", "b", "c", "d", "e");
    TestRules.setMaxEntries(rule, 3);
    map.put("f", 5);
    assertThat(map.keySet()).containsExactly("d", "e", "f");
    assertThat(map.trimTo(1)).isEqualTo(2);
    assertThat(map.keySet()).containsExactly("f");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(3);
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(2);
  }

  @Test
  void aFailingEvictionDisablesTheRuleAndTheMapGoesOnUnbounded() {
    Rule rule = TestRules.maxEntries(2);
    BoundedTreeMap<Object, Integer> map =
        new BoundedTreeMap<>(Comparator.comparing(System::identityHashCode), rule, true);
    map.put("x", 0);
    map.put("y", 0); // half the bound: the queue is made, in the map's order
    map.remove("x");
    map.remove("y"); // stale in the queue; the keys below join it in insertion order
    LruMapsTest.ExplodingKey bomb = new LruMapsTest.ExplodingKey();
    map.put(bomb, 0);
    map.put("b", 1);
    bomb.explode = true;
    map.put("c", 2);
    assertThat(rule.enabled()).isFalse();
    map.put("d", 3);
    assertThat(map).hasSize(4);
  }

  @Test
  void serializesAsAPlainTreeMapWithItsComparatorAndClonesAreBoundedOnTheirOwn() throws Exception {
    BoundedTreeMap<String, Integer> map =
        new BoundedTreeMap<>(String.CASE_INSENSITIVE_ORDER, TestRules.maxEntries(2), false);
    map.put("a", 0);
    map.put("B", 1);
    Object copy = BoundedLinkedHashMapTest.roundTrip(map);
    assertThat(copy.getClass()).isEqualTo(TreeMap.class);
    assertThat(copy).isEqualTo(map);
    assertThat(((TreeMap<?, ?>) copy).comparator()).isEqualTo(String.CASE_INSENSITIVE_ORDER);

    @SuppressWarnings("unchecked")
    TreeMap<String, Integer> clone = (TreeMap<String, Integer>) map.clone();
    clone.put("c", 2);
    assertThat(clone.keySet()).containsExactly("B", "c");
    assertThat(map.keySet()).containsExactly("a", "B");
  }
}
