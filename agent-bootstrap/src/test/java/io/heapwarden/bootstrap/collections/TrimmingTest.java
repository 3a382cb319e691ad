package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.Signals;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The live bound, trimTo and the guard, on every bounded type. */
class TrimmingTest {

  @AfterEach
  void reset() {
    Signals.listen(null);
  }

  static Stream<Function<Rule, Collection<Integer>>> all() {
    return Stream.of(
        rule -> new BoundedArrayList<>(rule, 4),
        BoundedLinkedList::new,
        BoundedArrayDeque::new,
        rule -> new BoundedLinkedBlockingQueue<>(rule, Integer.MAX_VALUE),
        rule -> new BoundedLinkedBlockingDeque<>(rule, Integer.MAX_VALUE),
        rule -> new BoundedArrayBlockingQueue<>(rule, 100),
        BoundedConcurrentLinkedQueue::new,
        BoundedConcurrentLinkedDeque::new,
        rule -> new BoundedLinkedHashSet<>(rule, false, true),
        rule -> new BoundedLinkedHashSet<>(rule, true, false));
  }

  @ParameterizedTest
  @MethodSource("all")
  void aLoweredLimitShrinksOnTheNextInsertion(Function<Rule, Collection<Integer>> factory) {
    Rule rule = TestRules.maxEntries(10);
    Collection<Integer> c = factory.apply(rule);
    c.addAll(List.of(1, 2, 3, 4, 5, 6));
    TestRules.setMaxEntries(rule, 3);
    assertThat(c).hasSize(6);
    c.add(7);
    assertThat(c).containsExactly(5, 6, 7);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
    TestRules.setMaxEntries(rule, 5);
    c.addAll(List.of(8, 9, 10));
    assertThat(c).containsExactly(6, 7, 8, 9, 10);
  }

  @ParameterizedTest
  @MethodSource("all")
  void trimToDropsTheOldestCountedAsTrims(Function<Rule, Collection<Integer>> factory) {
    Rule rule = TestRules.maxEntries(10);
    Collection<Integer> c = factory.apply(rule);
    c.addAll(List.of(1, 2, 3, 4, 5));
    assertThat(((Bounded) c).trimTo(2)).isEqualTo(3);
    assertThat(c).containsExactly(4, 5);
    assertThat(((Bounded) c).trimTo(5)).isZero();
    assertThat(((Bounded) c).trimTo(-1)).isEqualTo(2);
    assertThat(c).isEmpty();
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(5);
    assertThat(rule.total(Action.EVICTED)).isZero();
    assertThat(((Bounded) c).rule()).isSameAs(rule);
  }

  @ParameterizedTest
  @MethodSource("all")
  void aDisabledRuleLeavesTheCollectionUnbounded(Function<Rule, Collection<Integer>> factory) {
    Rule rule = TestRules.maxEntries(2);
    Collection<Integer> c = factory.apply(rule);
    rule.fail(new IllegalStateException("disabled elsewhere"));
    c.addAll(List.of(1, 2, 3, 4));
    assertThat(c).containsExactly(1, 2, 3, 4);
  }

  @Test
  void aFailingTrimmingStepDisablesTheRuleAndTheCallGoesOn() {
    Rule rule = TestRules.maxEntries(1);
    Window failing =
        new Window() {
          private final ByteBudget bytes = new ByteBudget();

          @Override
          public ByteBudget bytes() {
            return bytes;
          }

          @Override
          public int windowSize() {
            return 2;
          }

          @Override
          public int dropOldest(int count, boolean fromHead) {
            throw new IllegalStateException("agent bug");
          }
        };
    Trimming.fit(rule, failing, Window.HEAD, "inserted");
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.total(Action.FAILED)).isEqualTo(1);
  }

  @Test
  void anElementBreakingTheEvictionDisablesTheRuleWhileTheSetKeepsWorking() {
    Rule rule = TestRules.maxEntries(2);
    BoundedLinkedHashSet<Object> set = new BoundedLinkedHashSet<>(rule, true, false);
    HashOnce tricky = new HashOnce();
    set.add(tricky); // hashes once, for the insertion
    set.add("b");
    set.add("c"); // the eviction hashes tricky again to read its mark: it throws
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.total(Action.FAILED)).isEqualTo(1);
    assertThat(set).containsExactly(tricky, "b", "c");
    set.add("d");
    assertThat(set).hasSize(4);
  }

  /** An element whose second hashCode call fails, standing in for a bug in the agent's step. */
  private static final class HashOnce {
    private boolean hashed;

    @Override
    public int hashCode() {
      if (hashed) {
        throw new IllegalStateException("hashed twice");
      }
      hashed = true;
      return 42;
    }
  }
}
