package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BoundedConcurrentHashMapTest {

  private static BoundedConcurrentHashMap<String, Integer> map(
      Rule rule, boolean lru, String... keys) {
    BoundedConcurrentHashMap<String, Integer> map = new BoundedConcurrentHashMap<>(rule, lru);
    for (String key : keys) {
      map.put(key, key.charAt(0) - 'a');
    }
    return map;
  }

  @Test
  void fifoEvictsTheEldestInsertedEvenWhenRead() {
    Rule rule = TestRules.maxEntries(3);
    BoundedConcurrentHashMap<String, Integer> map = map(rule, false, "a", "b", "c");
    map.get("a");
    map.put("d", 3);
    assertThat(map.keySet()).containsExactlyInAnyOrder("b", "c", "d");
    map.put("b", 9);
    map.put("e", 4);
    assertThat(map.keySet()).containsExactlyInAnyOrder("c", "d", "e");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @Test
  void lruGivesAReadEntryASecondChanceAndThenTakesItInItsNewTurn() {
    BoundedConcurrentHashMap<String, Integer> map =
        map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.put("d", 3); // b goes; a queues behind d: [c, d, a]
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "c", "d");
    map.put("e", 4); // c
    map.put("f", 5); // d
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "e", "f");
    map.put("g", 6); // a: its mark was used up
    assertThat(map.keySet()).containsExactlyInAnyOrder("e", "f", "g");
  }

  @Test
  void lruCountsGetOrDefaultComputeAndMergeOnPresentKeysAsAccess() {
    BoundedConcurrentHashMap<String, Integer> map =
        map(TestRules.maxEntries(4), true, "a", "b", "c", "d");
    map.getOrDefault("a", -1);
    map.compute("b", (k, v) -> v + 1);
    map.merge("c", 1, Integer::sum);
    map.containsKey("d");
    map.put("e", 4);
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b", "c", "e");
  }

  @Test
  void lruWhenEverythingWasReadTheNewEntryStays() {
    BoundedConcurrentHashMap<String, Integer> map =
        map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.get("b");
    map.get("c");
    map.computeIfAbsent("d", k -> 3);
    assertThat(map.keySet()).containsExactlyInAnyOrder("b", "c", "d");
  }

  @Test
  void everyInsertionPathIsBoundedAndNullsAreRejectedAsBefore() {
    Rule rule = TestRules.maxEntries(2);
    BoundedConcurrentHashMap<String, Integer> map = new BoundedConcurrentHashMap<>(rule, true);
    map.put("a", 0);
    map.putIfAbsent("b", 1);
    map.computeIfAbsent("c", k -> 2);
    map.compute("d", (k, v) -> 3);
    map.merge("e", 4, Integer::sum);
    map.putAll(Map.of("f", 5));
    assertThat(map.keySet()).containsExactlyInAnyOrder("e", "f");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
    assertThatThrownBy(() -> map.put(null, 1)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.put("x", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> map.computeIfAbsent("x", null))
        .isInstanceOf(NullPointerException.class);
    assertThat(rule.enabled()).isTrue();
  }

  @Test
  void staleQueueEntriesOfRemovedKeysAreSkippedAndCompacted() {
    Rule rule = TestRules.maxEntries(3);
    BoundedConcurrentHashMap<String, Integer> map = new BoundedConcurrentHashMap<>(rule, false);
    for (int i = 0; i < 10_000; i++) { // put/remove cycles below the bound must not grow the queue
      map.put("t" + i, i);
      map.remove("t" + i);
    }
    map.put("a", 0);
    map.put("b", 1);
    map.put("c", 2);
    map.put("d", 3);
    assertThat(map.keySet()).containsExactlyInAnyOrder("b", "c", "d");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void aLoweredLimitShrinksTheMapOnItsNextInsertion() {
    Rule rule = TestRules.maxEntries(10);
    BoundedConcurrentHashMap<String, Integer> map = new BoundedConcurrentHashMap<>(rule, true);
    for (int i = 0; i < 10; i++) {
      map.put("k" + i, i);
    }
    TestRules.setMaxEntries(rule, 4);
    map.put("new", 99);
    assertThat(map.keySet()).containsExactlyInAnyOrder("k7", "k8", "k9", "new");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(7);
  }

  @Test
  void keysAddedThroughAViewAreBoundedByTheNextInsertionOrATrim() {
    Rule rule = TestRules.maxEntries(3);
    BoundedConcurrentHashMap<String, Integer> map = new BoundedConcurrentHashMap<>(rule, false);
    Map<String, Integer> view = map; // keySet(value).add bypasses the subclass
    ConcurrentHashMap.KeySetView<String, Integer> keys = map.keySet(0);
    for (int i = 0; i < 10; i++) {
      keys.add("v" + i);
    }
    assertThat(view).hasSize(10);
    map.trimTo(3);
    assertThat(view).hasSize(3);
    keys.add("w");
    map.put("x", 1);
    assertThat(view).hasSize(3).containsKey("x");
  }

  @Test
  void trimToDropsTheEldestAndCountsTrims() {
    Rule rule = TestRules.maxEntries(10);
    BoundedConcurrentHashMap<String, Integer> map = map(rule, false, "a", "b", "c", "d");
    assertThat(map.trimTo(1)).isEqualTo(3);
    assertThat(map.keySet()).containsExactly("d");
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(3);
  }

  @Test
  void aFailingEvictionDisablesTheRuleAndTheMapGoesOnUnbounded() {
    Rule rule = TestRules.maxEntries(2);
    BoundedConcurrentHashMap<Object, Integer> map = new BoundedConcurrentHashMap<>(rule, true);
    map.put("x", 0);
    map.put("y", 0); // half the bound: the queue is made, in hash order
    map.remove("x");
    map.remove("y"); // stale in the queue; the keys below join it in insertion order
    LruMapsTest.ExplodingKey bomb = new LruMapsTest.ExplodingKey();
    map.put(bomb, 0);
    map.put("b", 1);
    bomb.explode = true; // the evictor's mark lookup now throws
    map.put("c", 2);
    assertThat(rule.enabled()).isFalse();
    map.put("d", 3);
    assertThat(map).hasSize(4).containsEntry("c", 2).containsEntry("d", 3);
  }

  @Test
  void serializesAsAPlainConcurrentHashMap() throws Exception {
    BoundedConcurrentHashMap<String, Integer> map = map(TestRules.maxEntries(5), true, "a", "b");
    Object copy = BoundedLinkedHashMapTest.roundTrip(map);
    assertThat(copy.getClass()).isEqualTo(ConcurrentHashMap.class);
    assertThat(copy).isEqualTo(map);
  }
}
