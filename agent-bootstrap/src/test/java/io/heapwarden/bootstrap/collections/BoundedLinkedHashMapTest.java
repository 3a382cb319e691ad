package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedLinkedHashMapTest {

  private static BoundedLinkedHashMap<String, Integer> map(Rule rule, boolean lru, String... keys) {
    BoundedLinkedHashMap<String, Integer> map = new BoundedLinkedHashMap<>(rule, lru);
    for (String key : keys) {
      map.put(key, key.charAt(0) - 'a');
    }
    return map;
  }

  @Test
  void fifoEvictsTheEldestInsertedEvenWhenRead() {
    Rule rule = TestRules.maxEntries(3);
    BoundedLinkedHashMap<String, Integer> map = map(rule, false, "a", "b", "c");
    map.get("a");
    map.put("d", 3);
    assertThat(map.keySet()).containsExactly("b", "c", "d");
    map.put("b", 9); // an update is not an insertion: nothing moves, nothing goes
    assertThat(map.keySet()).containsExactly("b", "c", "d");
    map.put("e", 4);
    assertThat(map.keySet()).containsExactly("c", "d", "e");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @Test
  void lruGivesAReadEntryASecondChance() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.put("d", 3); // b goes; a, given a second chance, stays where it was inserted
    assertThat(map.keySet()).containsExactly("a", "c", "d");
  }

  @Test
  void lruSecondChanceClearsTheMarkSoTheNextEvictionTakesIt() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.put("d", 3); // the hand passes a (clearing its mark), b goes, d takes its slot: [a, d, c]
    map.put("e", 4); // c goes
    map.put("f", 5); // a goes: its second chance is used up, and it is older than d
    assertThat(map.keySet()).containsExactly("d", "e", "f");
    map.put("g", 6); // d goes
    assertThat(map.keySet()).containsExactly("e", "f", "g");
  }

  @Test
  void lruAHotKeyOutlivesAStreamOfNewKeysWhereFifoEvictsIt() {
    assertThat(missesOfAHotKey(true)).isLessThanOrEqualTo(2);
    assertThat(missesOfAHotKey(false)).isEqualTo(99);
  }

  /** A key read before each insertion of a new key, into a bound of 100: how often it was gone. */
  private static int missesOfAHotKey(boolean lru) {
    BoundedLinkedHashMap<String, Integer> map =
        new BoundedLinkedHashMap<>(TestRules.maxEntries(100), lru);
    int misses = 0;
    for (int i = 0; i < 10_000; i++) {
      if (map.get("hot") == null) {
        misses++;
        map.put("hot", 0);
      }
      map.put("k" + i, i);
    }
    return misses - 1; // the first is no eviction
  }

  @Test
  void lruAKeyRemovedAndPutBackIsNotEvictedByItsStaleSlot() {
    Rule rule = TestRules.maxEntries(3);
    BoundedLinkedHashMap<String, Integer> map = map(rule, true, "a", "b", "c");
    map.remove("a"); // a's slot, at the hand, is stale now
    map.put("d", 3); // below the bound: d gets a new slot
    map.put("a", 0); // the hand reaches a's stale slot: a, just inserted, must stay
    assertThat(map).containsKeys("a", "d").hasSize(3);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
    for (int i = 0; i < 10; i++) { // the ring stays in step with the map
      map.put("k" + i, i);
      assertThat(map).hasSize(3).containsKey("k" + i);
    }
    assertThat(rule.total(Action.EVICTED)).isEqualTo(11);
  }

  @Test
  void lruSlotsEmptiedByATrimAreFilledAgain() {
    Rule rule = TestRules.maxEntries(100);
    BoundedLinkedHashMap<Integer, Integer> map = new BoundedLinkedHashMap<>(rule, true);
    for (int i = 0; i < 100; i++) {
      map.put(i, i);
    }
    assertThat(map.trimTo(10)).isEqualTo(90);
    for (int i = 100; i < 1000; i++) {
      map.put(i, i);
      assertThat(map.size()).isLessThanOrEqualTo(100);
      assertThat(map).containsKey(i);
    }
    assertThat(map).hasSize(100);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1000 - 90 - 100);
  }

  @Test
  void lruNullKeysAreEvictedLikeAnyOther() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(2), true);
    map.put(null, 0);
    map.put("a", 1);
    map.put("b", 2);
    assertThat(map.keySet()).containsExactly("a", "b");
  }

  @Test
  void evictionsOfEachMapAddUpInTheRuleTotal() {
    Rule rule = TestRules.maxEntries(2);
    fillAndDrop(rule, 50);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(48);
    fillAndDrop(rule, 10);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(56);
  }

  private static void fillAndDrop(Rule rule, int keys) {
    BoundedLinkedHashMap<Integer, Integer> map = new BoundedLinkedHashMap<>(rule, true);
    for (int i = 0; i < keys; i++) {
      map.put(i, i);
    }
  }

  @Test
  void lruWhenEverythingWasReadTheEldestGoesAfterOneLapAndTheNewEntryStays() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(3), true, "a", "b", "c");
    map.get("a");
    map.get("b");
    map.get("c");
    map.put("d", 3);
    assertThat(map.keySet()).containsExactly("b", "c", "d");
    assertThat(map.get("d")).isEqualTo(3);
  }

  @Test
  void lruCountsUpdatesAndComputeOnPresentKeysAsAccessButNotContainsKey() {
    BoundedLinkedHashMap<String, Integer> map =
        map(TestRules.maxEntries(4), true, "a", "b", "c", "d");
    map.put("a", 10);
    map.computeIfPresent("b", (k, v) -> v + 1);
    map.merge("c", 1, Integer::sum);
    map.containsKey("d");
    map.put("e", 4);
    assertThat(map.keySet()).containsExactly("a", "b", "c", "e");
  }

  @Test
  void lruDoesNotMarkAKeyOnAMissSoTheMissThenPutPatternStaysUnmarked() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(2), true);
    for (String key : new String[] {"a", "b"}) {
      if (map.get(key) == null) {
        map.put(key, 0);
      }
    }
    map.computeIfAbsent("c", k -> 2);
    assertThat(map.keySet()).containsExactly("b", "c");
  }

  @Test
  void readingEveryKeyWhileIteratingAFullLruMapIsNoStructuralModification() {
    BoundedLinkedHashMap<String, Integer> map =
        new BoundedLinkedHashMap<>(TestRules.maxEntries(100), true);
    for (int i = 0; i < 100; i++) {
      map.put("k" + i, i);
    }
    long sum = 0;
    for (String key : map.keySet()) {
      sum += map.get(key);
      sum += map.getOrDefault(key, 0);
    }
    assertThat(sum).isEqualTo(2 * 4950);
  }

  @Test
  void aLoweredLimitShrinksTheMapOnItsNextInsertion() {
    Rule rule = TestRules.maxEntries(10);
    BoundedLinkedHashMap<String, Integer> map = new BoundedLinkedHashMap<>(rule, false);
    for (int i = 0; i < 10; i++) {
      map.put("k" + i, i);
    }
    TestRules.setMaxEntries(rule, 4);
    assertThat(map).hasSize(10);
    map.put("new", 99);
    assertThat(map.keySet()).containsExactly("k7", "k8", "k9", "new");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(7);
  }

  @Test
  void everyInsertionPathIsBounded() {
    Rule rule = TestRules.maxEntries(2);
    BoundedLinkedHashMap<String, Integer> map = new BoundedLinkedHashMap<>(rule, true);
    map.put("a", 0);
    map.putIfAbsent("b", 1);
    map.computeIfAbsent("c", k -> 2);
    map.compute("d", (k, v) -> 3);
    map.merge("e", 4, Integer::sum);
    map.putAll(Map.of("f", 5));
    assertThat(map.keySet()).containsExactly("e", "f");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
  }

  @Test
  void trimToDropsTheEldestAndCountsTrims() {
    Rule rule = TestRules.maxEntries(10);
    BoundedLinkedHashMap<String, Integer> map = map(rule, true, "a", "b", "c", "d");
    map.get("a");
    assertThat(map.trimTo(2)).isEqualTo(2);
    assertThat(map.keySet()).containsExactly("a", "d");
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(2);
    assertThat(rule.total(Action.EVICTED)).isZero();
    assertThat(map.trimTo(-1)).isEqualTo(2);
    assertThat(map).isEmpty();
  }

  @Test
  void aBoundOfZeroKeepsNothing() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(0), true, "a", "b");
    assertThat(map).isEmpty();
  }

  @Test
  void aFailingEvictionDisablesTheRuleAndTheMapGoesOnUnbounded() {
    Rule rule = TestRules.maxEntries(2);
    BoundedLinkedHashMap<Object, Integer> map = new BoundedLinkedHashMap<>(rule, true);
    ExplodingKey bomb = new ExplodingKey();
    map.put(bomb, 0);
    map.put("b", 1);
    bomb.explode = true; // the eviction's mark lookup now throws
    map.put("c", 2);
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.total(Action.FAILED)).isEqualTo(1);
    map.put("d", 3);
    assertThat(map).hasSize(4).containsEntry("c", 2).containsEntry("d", 3);
  }

  @Test
  void serializesAsAPlainLinkedHashMap() throws Exception {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(5), true, "a", "b", "c");
    Object copy = roundTrip(map);
    assertThat(copy.getClass()).isEqualTo(LinkedHashMap.class);
    assertThat(copy).isEqualTo(map);
    assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) copy).keySet()))
        .containsExactly("a", "b", "c");
  }

  @Test
  void aCloneIsBoundedOnItsOwn() {
    BoundedLinkedHashMap<String, Integer> map = map(TestRules.maxEntries(2), true, "a", "b");
    @SuppressWarnings("unchecked")
    Map<String, Integer> clone = (Map<String, Integer>) map.clone();
    clone.put("c", 2);
    assertThat(clone.keySet()).containsExactly("b", "c");
    assertThat(map.keySet()).containsExactly("a", "b");
  }

  static Object roundTrip(Object object) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  /** A key whose hashCode throws once armed: simulates a failure inside the agent's eviction. */
  static final class ExplodingKey {
    volatile boolean explode;

    @Override
    public int hashCode() {
      if (explode) {
        throw new IllegalStateException("boom");
      }
      return 42;
    }
  }
}
