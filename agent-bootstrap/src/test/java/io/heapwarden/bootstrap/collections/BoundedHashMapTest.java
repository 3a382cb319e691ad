package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What differs from the bounded LinkedHashMap; the CLOCK itself is in {@link LruMapsTest}. */
class BoundedHashMapTest {

  @Test
  void serializesAsAPlainHashMap() throws Exception {
    BoundedHashMap<String, Integer> map = new BoundedHashMap<>(TestRules.maxEntries(5));
    map.put("a", 1);
    map.put("b", 2);
    Object copy = BoundedLinkedHashMapTest.roundTrip(map);
    assertThat(copy.getClass()).isEqualTo(HashMap.class);
    assertThat(copy).isEqualTo(map);
  }

  @Test
  void aCloneIsBoundedOnItsOwnAndCountsOnTheSameRule() {
    Rule rule = TestRules.maxEntries(2);
    BoundedHashMap<String, Integer> map = new BoundedHashMap<>(rule);
    map.put("a", 0);
    map.put("b", 1);
    @SuppressWarnings("unchecked")
    Map<String, Integer> clone = (Map<String, Integer>) map.clone();
    clone.put("c", 2);
    clone.put("d", 3);
    assertThat(clone).hasSize(2).containsKeys("c", "d");
    assertThat(map).hasSize(2).containsKeys("a", "b");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @Test
  void aComputeThatRemovesIsNoInsertion() {
    Rule rule = TestRules.maxEntries(2);
    BoundedHashMap<String, Integer> map = new BoundedHashMap<>(rule);
    map.put("a", 0);
    map.put("b", 1);
    map.compute("a", (k, v) -> null);
    map.computeIfPresent("b", (k, v) -> null);
    map.put("c", 2);
    map.put("d", 3);
    assertThat(map).hasSize(2).containsKeys("c", "d");
    assertThat(rule.total(Action.EVICTED)).isZero();
  }
}
