package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.SignalListener;
import io.heapwarden.bootstrap.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** values: bounds, for each bounded map type, the collections the map itself creates. */
class ValueBoundsTest {
  private final List<String> signals = new ArrayList<>();

  @AfterEach
  void clear() {
    Signals.listen(null);
  }

  static Stream<Map<String, List<Integer>>> originals() {
    return Stream.of(new HashMap<>(), new ConcurrentHashMap<>(), new TreeMap<>());
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> bounded(Map<String, ?> original, Rule mapRule) {
    return (Map<String, V>) BoundedMaps.copyOf(original, mapRule, true);
  }

  /** Signals are deduplicated per rule id and class for the whole JVM: a fresh id per case. */
  private static final AtomicInteger VALUES_RULE_IDS = new AtomicInteger(1000);

  private static Rule mapRuleWithValues(long maxValues) {
    Rule map = TestRules.maxEntries(100);
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = maxValues;
    map.linkValues(
        new Rule(VALUES_RULE_IDS.incrementAndGet(), "values", RuleKind.COLLECTION, limits));
    return map;
  }

  @ParameterizedTest
  @MethodSource("originals")
  void computeIfAbsentValuesAreWindows(Map<String, List<Integer>> original) {
    Rule rule = mapRuleWithValues(3);
    Map<String, List<Integer>> histories = bounded(original, rule);

    for (int i = 0; i < 10; i++) {
      histories.computeIfAbsent("session", k -> new ArrayList<>()).add(i);
    }

    assertThat(histories.get("session")).isInstanceOf(Bounded.class).containsExactly(7, 8, 9);
    assertThat(rule.values().total(Action.EVICTED)).isEqualTo(7);
  }

  @ParameterizedTest
  @MethodSource("originals")
  void computeAndMergeValuesAreBoundedToo(Map<String, List<Integer>> original) {
    Rule rule = mapRuleWithValues(2);
    Map<String, List<Integer>> map = bounded(original, rule);

    map.compute("c", (k, v) -> new ArrayList<>(List.of(1, 2, 3)));
    map.merge("m", new ArrayList<>(List.of(1, 2, 3)), (a, b) -> a);

    assertThat(map.get("c")).isInstanceOf(Bounded.class).containsExactly(2, 3);
    assertThat(map.get("m")).isInstanceOf(Bounded.class).containsExactly(2, 3);
  }

  @ParameterizedTest
  @MethodSource("originals")
  void aValueStoredWithPutIsTheCallersOwnAndIsReportedOnce(Map<String, List<Integer>> original) {
    Signals.listen(
        new SignalListener() {
          @Override
          public void ruleFailed(Rule rule, Throwable failure) {}

          @Override
          public void notBounded(Rule rule, String valueClass, String reason) {
            signals.add(valueClass + ": " + reason);
          }
        });
    Rule rule = mapRuleWithValues(2);
    Map<String, List<Integer>> map = bounded(original, rule);
    List<Integer> kept = new ArrayList<>();

    map.put("p", kept);
    kept.add(1);
    kept.add(2);
    kept.add(3);

    assertThat(map.get("p")).isSameAs(kept).hasSize(3);
    assertThat(signals)
        .singleElement()
        .asString()
        .startsWith("java.util.ArrayList: it was stored with put");
  }

  @ParameterizedTest
  @MethodSource("originals")
  void withoutValuesTheFunctionIsPassedThrough(Map<String, List<Integer>> original) {
    Map<String, List<Integer>> map = bounded(original, TestRules.maxEntries(100));

    List<Integer> value = map.computeIfAbsent("k", k -> new ArrayList<>());

    assertThat(value).isNotInstanceOf(Bounded.class);
  }

  @ParameterizedTest
  @MethodSource("originals")
  void threadSafeValuesStayThreadSafe(Map<String, Object> original) {
    Rule rule = mapRuleWithValues(2);
    Map<String, Object> map = bounded(original, rule);

    Object queue = map.computeIfAbsent("q", k -> new LinkedBlockingQueue<Integer>());
    Object synced = map.computeIfAbsent("s", k -> Collections.synchronizedList(new ArrayList<>()));

    assertThat(queue).isInstanceOf(LinkedBlockingQueue.class).isInstanceOf(Bounded.class);
    assertThat(synced.getClass().getName()).startsWith("java.util.Collections$Synchronized");
  }

  /** Its replacement is no KeySetView, and a caller may cast a map value to its own class. */
  @ParameterizedTest
  @MethodSource("originals")
  void aNewKeySetValueKeepsItsClassAndIsReported(Map<String, Object> original) {
    Signals.listen(
        new SignalListener() {
          @Override
          public void ruleFailed(Rule rule, Throwable failure) {}

          @Override
          public void notBounded(Rule rule, String valueClass, String reason) {
            signals.add(valueClass + ": " + reason);
          }
        });
    Map<String, Object> map = bounded(original, mapRuleWithValues(2));

    Object keys = map.computeIfAbsent("k", k -> ConcurrentHashMap.newKeySet());

    assertThat(keys).isInstanceOf(ConcurrentHashMap.KeySetView.class);
    assertThat(signals)
        .singleElement()
        .asString()
        .startsWith("java.util.concurrent.ConcurrentHashMap$KeySetView: its bounded replacement");
  }
}
