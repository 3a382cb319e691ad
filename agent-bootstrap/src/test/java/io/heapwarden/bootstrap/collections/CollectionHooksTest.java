package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.SignalListener;
import io.heapwarden.bootstrap.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollectionHooksTest {
  private final List<String> signals = new ArrayList<>();
  private Rule rule;

  @BeforeEach
  void install() {
    rule = TestRules.maxEntries(2);
    RuleTable.install(List.of(rule));
    Signals.listen(
        new SignalListener() {
          @Override
          public void ruleFailed(Rule failed, Throwable failure) {
            signals.add("failed: " + failure.getMessage());
          }

          @Override
          public void notBounded(Rule r, String valueClass, String reason) {
            signals.add("not bounded: " + valueClass);
          }
        });
  }

  @AfterEach
  void clear() {
    Signals.listen(null);
    RuleTable.install(List.of());
  }

  @Test
  void storesABoundedCopyTrimmedToTheBound() {
    Map<String, String> original = new HashMap<>(Map.of("a", "1", "b", "2", "c", "3"));

    Object stored = CollectionHooks.onFieldWrite(original, 0, false);

    assertThat(stored).isInstanceOf(Bounded.class).isInstanceOf(HashMap.class);
    assertThat((Map<?, ?>) stored).hasSize(2);
  }

  @Test
  void nullAndAlreadyBoundedValuesAndUnknownRulesPassThrough() {
    Object bounded = CollectionHooks.onFieldWrite(new ArrayList<>(), 0, false);
    List<String> plain = new ArrayList<>();

    assertThat(CollectionHooks.onFieldWrite(null, 0, false)).isNull();
    assertThat(CollectionHooks.onFieldWrite(bounded, 0, false)).isSameAs(bounded);
    assertThat(CollectionHooks.onFieldWrite(plain, 7, false)).isSameAs(plain);
  }

  @Test
  void aDisabledRuleStoresTheValueUnchanged() {
    rule.fail(new IllegalStateException("earlier failure"));
    List<String> plain = new ArrayList<>();

    assertThat(CollectionHooks.onFieldWrite(plain, 0, false)).isSameAs(plain);
  }

  @Test
  void anUnsupportedValueIsStoredUnchangedAndSignalledOncePerClass() {
    Map<String, String> unmodifiable = Collections.unmodifiableMap(new HashMap<>());

    assertThat(CollectionHooks.onFieldWrite(unmodifiable, 0, false)).isSameAs(unmodifiable);
    CollectionHooks.onFieldWrite(Collections.unmodifiableMap(new HashMap<>()), 0, false);

    assertThat(signals).containsExactly("not bounded: java.util.Collections$UnmodifiableMap");
    assertThat(rule.enabled()).isTrue();
  }

  @Test
  void aNewKeySetIsReplacedByABoundedConcurrentSetWithItsElements() {
    Set<String> keys = ConcurrentHashMap.newKeySet();
    keys.add("a");

    Object stored = CollectionHooks.onFieldWrite(keys, 0, false);

    assertThat(stored).isInstanceOf(BoundedConcurrentKeySet.class).isInstanceOf(Set.class);
    assertThat(new ArrayList<Object>((Set<?>) stored)).containsExactly("a");
    assertThat(signals).isEmpty();
  }

  @Test
  void aKeySetViewThatCannotAddIsStoredUnchangedAndSignalled() {
    Set<String> keys = new ConcurrentHashMap<String, String>().keySet();

    assertThat(CollectionHooks.onFieldWrite(keys, 0, false)).isSameAs(keys);
    assertThat(signals)
        .containsExactly("not bounded: java.util.concurrent.ConcurrentHashMap$KeySetView");
  }
}
