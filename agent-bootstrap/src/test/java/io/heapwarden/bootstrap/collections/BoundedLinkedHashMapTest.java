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
  void trimToDropsTheEldestAndCountsTrims() {
    Rule rule = TestRules.maxEntries(6); // 4 entries are past half of it: reads mark
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

  /* A key whose hashCode throws once armed: simulates a failure inside the agent's eviction. */
}
