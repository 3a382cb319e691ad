package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BoundedMapsTest {

  private static <M extends Map<String, Integer>> M filled(M map, int n) {
    for (int i = 1; i <= n; i++) {
      map.put("k" + i, i);
    }
    return map;
  }

  @Test
  void aHashMapOrLinkedHashMapBecomesABoundedLinkedHashMapTrimmedOldestFirst() {
    Rule rule = TestRules.maxEntries(3);
    LinkedHashMap<String, Integer> original = filled(new LinkedHashMap<>(), 10);
    Map<?, ?> copy = BoundedMaps.copyOf(original, rule, true);
    assertThat(copy).isInstanceOf(BoundedLinkedHashMap.class).isInstanceOf(HashMap.class);
    assertThat(new ArrayList<Object>(copy.keySet())).containsExactly("k8", "k9", "k10");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(7);

    HashMap<String, Integer> hashMap = filled(new HashMap<>(), 2);
    assertThat(BoundedMaps.copyOf(hashMap, TestRules.maxEntries(5), false))
        .isInstanceOf(BoundedLinkedHashMap.class)
        .isEqualTo(hashMap);
  }

  @Test
  void aHashMapUnderLruBecomesABoundedHashMapKeepingTheLastEntriesOfItsOrder() {
    Rule rule = TestRules.maxEntries(3);
    HashMap<String, Integer> original = filled(new HashMap<>(), 10);
    List<String> newest = new ArrayList<>(original.keySet()).subList(7, 10);
    Map<?, ?> copy = BoundedMaps.copyOf(original, rule, true);
    assertThat(copy).isInstanceOf(BoundedHashMap.class);
    assertThat(new ArrayList<Object>(copy.keySet())).containsExactlyInAnyOrderElementsOf(newest);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(7);
  }

  @Test
  void aTreeMapKeepsItsComparatorAndLosesItsFirstKeysWhenTrimmed() {
    Comparator<String> reverse = Comparator.reverseOrder();
    TreeMap<String, Integer> original = filled(new TreeMap<>(reverse), 5);
    Map<?, ?> copy = BoundedMaps.copyOf(original, TestRules.maxEntries(2), false);
    assertThat(copy).isInstanceOf(BoundedTreeMap.class);
    assertThat(((TreeMap<?, ?>) copy).comparator()).isSameAs(reverse);
    assertThat(new ArrayList<Object>(copy.keySet())).containsExactly("k2", "k1");
  }

  @Test
  void aConcurrentHashMapBecomesABoundedConcurrentHashMap() {
    ConcurrentHashMap<String, Integer> original = filled(new ConcurrentHashMap<>(), 5);
    Map<?, ?> copy = BoundedMaps.copyOf(original, TestRules.maxEntries(10), true);
    assertThat(copy).isInstanceOf(BoundedConcurrentHashMap.class).isEqualTo(original);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSynchronizedHashMapBecomesASynchronizedBoundedMap() {
    Map<String, Integer> original = Collections.synchronizedMap(filled(new HashMap<>(), 3));
    Rule rule = TestRules.maxEntries(3);
    Map<String, Integer> copy = (Map<String, Integer>) BoundedMaps.copyOf(original, rule, false);
    assertThat(copy.getClass()).isEqualTo(original.getClass());
    assertThat(copy).isEqualTo(original);
    copy.put("new", 0);
    assertThat(copy).hasSize(3).containsKey("new");
    assertThat(BoundedMaps.unsupportedReason(original)).isNull();

    Map<String, Integer> overChm = Collections.synchronizedMap(new ConcurrentHashMap<>());
    assertThat(BoundedMaps.copyOf(overChm, rule, false)).isNotNull();
  }

  @Test
  void aSynchronizedMapOverAnotherKindOfMapIsNotReplaced() {
    Map<String, Integer> overTree = Collections.synchronizedMap(new TreeMap<>());
    Map<String, Integer> overIdentity = Collections.synchronizedMap(new IdentityHashMap<>());
    Rule rule = TestRules.maxEntries(3);
    assertThat(BoundedMaps.copyOf(overTree, rule, false)).isNull();
    assertThat(BoundedMaps.copyOf(overIdentity, rule, false)).isNull();
    assertThat(BoundedMaps.unsupportedReason(overIdentity)).contains("synchronizedMap over");
  }

  @Test
  @SuppressWarnings("serial")
  void subclassesAndOtherMapsAreNotReplacedAndSayWhy() {
    Rule rule = TestRules.maxEntries(3);
    Map<String, Integer> doubleBrace =
        new HashMap<>() {
          {
            put("a", 1);
          }
        };
    Map<String, Integer> subclass = new LinkedHashMap<>() {};
    for (Map<?, ?> map :
        new Map<?, ?>[] {
          doubleBrace,
          Collections.unmodifiableMap(new HashMap<>()),
          Map.of("a", 1),
          new WeakHashMap<>(),
          new IdentityHashMap<>(),
          Collections.synchronizedSortedMap(new TreeMap<>()),
          Collections.emptyMap()
        }) {
      assertThat(BoundedMaps.copyOf(map, rule, true)).as(map.getClass().getName()).isNull();
      assertThat(BoundedMaps.unsupportedReason(map.getClass())).isNotBlank();
      assertThat(BoundedMaps.unsupportedReason(map)).isNotBlank();
    }
    assertThat(BoundedMaps.unsupportedReason(doubleBrace.getClass()))
        .contains("anonymous subclass of java.util.HashMap");
    assertThat(BoundedMaps.unsupportedReason(subclass.getClass())).contains("anonymous");
    assertThat(BoundedMaps.unsupportedReason(BoundedLinkedHashMap.class))
        .contains("subclasses java.util.LinkedHashMap");
    assertThat(BoundedMaps.unsupportedReason(WeakHashMap.class)).contains("WeakHashMap");
    assertThat(BoundedMaps.unsupportedReason(HashMap.class)).isNull();
  }
}
