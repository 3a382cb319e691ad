package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLOCK's fallback for a full heap: when making the CLOCK (or refitting its marks) throws
 * OutOfMemoryError, the map is brought to its bound in its own order. (The CLOCK itself is in
 * {@link LruMapsTest}.)
 */
class MapClockTest {

  @Test
  void withoutTheClockTheMapKeepsItsBoundAndTheKeyJustInserted() {
    Rule rule = TestRules.maxEntries(3);
    Map<Integer, String> map = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      map.put(i, "v" + i);
    }

    MapClock.evictInOrder(map, 9, 3, rule);

    assertThat(map).containsOnlyKeys(7, 8, 9);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(7);
    assertThat(rule.enabled()).isTrue();
  }

  @Test
  void aBoundOfZeroEmptiesTheMap() {
    Rule rule = TestRules.maxEntries(0);
    Map<Integer, String> map = new HashMap<>(Map.of(1, "a", 2, "b"));

    MapClock.evictInOrder(map, 2, 0, rule);

    assertThat(map).isEmpty();
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @Test
  void keysRemovedWithoutTheClockAreStaleSlotsItPassesOver() {
    Rule rule = TestRules.maxEntries(4);
    BoundedHashMap<Integer, String> map = new BoundedHashMap<>(rule);
    for (int i = 0; i < 4; i++) {
      map.put(i, "v" + i); // the CLOCK is made at 3 entries
    }
    TestRules.setMaxEntries(rule, 2);
    MapClock.evictInOrder(map, 3, 2, rule); // as a write would after an OutOfMemoryError

    for (int i = 4; i < 20; i++) {
      map.put(i, "v" + i);
      assertThat(map).hasSize(2).containsKey(i);
    }
    assertThat(rule.total(Action.EVICTED)).isEqualTo(18);
  }
}
