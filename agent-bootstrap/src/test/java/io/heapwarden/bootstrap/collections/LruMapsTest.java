package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code lru} CLOCK ({@link MapClock}) of both bounded hash maps. */
class LruMapsTest {

  enum Kind {
    HASH_MAP {
      @Override
      <K, V> Map<K, V> make(Rule rule) {
        return new BoundedHashMap<>(rule);
      }
    },
    LINKED_HASH_MAP {
      @Override
      <K, V> Map<K, V> make(Rule rule) {
        return new BoundedLinkedHashMap<>(rule, true);
      }
    };

    abstract <K, V> Map<K, V> make(Rule rule);
  }

  private static Map<String, Integer> map(Kind kind, Rule rule, String... keys) {
    Map<String, Integer> map = kind.make(rule);
    for (String key : keys) {
      map.put(key, key.charAt(0) - 'a');
    }
    return map;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruGivesAReadEntryASecondChance(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(3), "a", "b", "c");
    map.get("a");
    map.put("d", 3); // b goes; a, given a second chance, stays where it was inserted
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "c", "d");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruSecondChanceClearsTheMarkSoTheNextEvictionTakesIt(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(3), "a", "b", "c");
    map.get("a");
    map.put("d", 3); // the hand passes a (clearing its mark), b goes, d takes its slot: [a, d, c]
    map.put("e", 4); // c goes
    map.put("f", 5); // a goes: its second chance is used up, and it is older than d
    assertThat(map.keySet()).containsExactlyInAnyOrder("d", "e", "f");
    map.put("g", 6); // d goes
    assertThat(map.keySet()).containsExactlyInAnyOrder("e", "f", "g");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruAKeyRemovedAndPutBackIsNotEvictedByItsStaleSlot(Kind kind) {
    Rule rule = TestRules.maxEntries(3);
    Map<String, Integer> map = map(kind, rule, "a", "b", "c");
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

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruSlotsEmptiedByATrimAreFilledAgain(Kind kind) {
    Rule rule = TestRules.maxEntries(100);
    Map<Integer, Integer> map = kind.make(rule);
    for (int i = 0; i < 100; i++) {
      map.put(i, i);
    }
    assertThat(((Bounded) map).trimTo(10)).isEqualTo(90);
    for (int i = 100; i < 1000; i++) {
      map.put(i, i);
      assertThat(map.size()).isLessThanOrEqualTo(100);
      assertThat(map).containsKey(i);
    }
    assertThat(map).hasSize(100);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1000 - 90 - 100);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruNullKeysAreEvictedLikeAnyOther(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(2));
    map.put(null, 0);
    map.put("a", 1);
    map.put("b", 2);
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void evictionsOfEachMapAddUpInTheRuleTotal(Kind kind) {
    Rule rule = TestRules.maxEntries(2);
    fillAndDrop(kind, rule, 50);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(48);
    fillAndDrop(kind, rule, 10);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(56);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruWhenEverythingWasReadTheEldestGoesAfterOneLapAndTheNewEntryStays(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(3), "a", "b", "c");
    map.get("a");
    map.get("b");
    map.get("c");
    map.put("d", 3);
    assertThat(map.keySet()).containsExactlyInAnyOrder("b", "c", "d");
    assertThat(map.get("d")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruCountsUpdatesAndComputeOnPresentKeysAsAccessButNotContainsKey(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(4), "a", "b", "c", "d");
    map.put("a", 10);
    map.computeIfPresent("b", (k, v) -> v + 1);
    map.merge("c", 1, Integer::sum);
    map.containsKey("d");
    map.put("e", 4);
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b", "c", "e");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lruDoesNotMarkAKeyOnAMissSoTheMissThenPutPatternStaysUnmarked(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(2));
    for (String key : new String[] {"a", "b"}) {
      if (map.get(key) == null) {
        map.put(key, 0);
      }
    }
    map.computeIfAbsent("c", k -> 2);
    assertThat(map.keySet()).containsExactlyInAnyOrder("b", "c");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readingEveryKeyWhileIteratingAFullLruMapIsNoStructuralModification(Kind kind) {
    Map<String, Integer> map = kind.make(TestRules.maxEntries(100));
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

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyInsertionPathIsBounded(Kind kind) {
    Rule rule = TestRules.maxEntries(2);
    Map<String, Integer> map = kind.make(rule);
    map.put("a", 0);
    map.putIfAbsent("b", 1);
    map.computeIfAbsent("c", k -> 2);
    map.compute("d", (k, v) -> 3);
    map.merge("e", 4, Integer::sum);
    map.putAll(Map.of("f", 5));
    assertThat(map.keySet()).containsExactlyInAnyOrder("e", "f");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBoundOfZeroKeepsNothing(Kind kind) {
    Map<String, Integer> map = map(kind, TestRules.maxEntries(0), "a", "b");
    assertThat(map).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFailingEvictionDisablesTheRuleAndTheMapGoesOnUnbounded(Kind kind) {
    Rule rule = TestRules.maxEntries(2);
    Map<Object, Integer> map = kind.make(rule);
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

  private static void fillAndDrop(Kind kind, Rule rule, int keys) {
    Map<Integer, Integer> map = kind.make(rule);
    for (int i = 0; i < keys; i++) {
      map.put(i, i);
    }
  }

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
