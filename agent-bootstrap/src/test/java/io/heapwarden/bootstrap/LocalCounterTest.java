package io.heapwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCounterTest {

  private static Rule rule() {
    return new Rule(0, "com.example.Cache.entries", RuleKind.COLLECTION, Rule.noLimits());
  }

  @Test
  void localCountsJoinTheTotalWhenItIsRead() {
    Rule rule = rule();
    Object owner = new Object();
    LocalCounter counter = rule.localCounter(Action.EVICTED, owner);
    counter.add(3);
    rule.count(Action.EVICTED, 2);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(5);
    counter.add(4);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(9);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(9); // taken once, not again
    assertThat(rule.total(Action.TRIMMED)).isZero();
  }

  @Test
  void theCountOfAnOwnerThatIsGoneStaysInTheTotalAndItsCounterIsForgotten() throws Exception {
    Rule rule = rule();
    WeakReference<Object> gone = countAndDrop(rule, 7);
    Object kept = new Object();
    rule.localCounter(Action.EVICTED, kept).add(1);
    for (int i = 0; i < 100 && gone.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(gone.get()).isNull();
    assertThat(rule.total(Action.EVICTED)).isEqualTo(8);
    assertThat(rule.localCounters()).isEqualTo(1);
    assertThat(kept).isNotNull();
  }

  @Test
  void registeringManyOwnersThatComeAndGoKeepsTheListShort() throws Exception {
    Rule rule = rule();
    List<WeakReference<Object>> gone = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      gone.add(countAndDrop(rule, 1));
    }
    for (int i = 0; i < 100 && gone.stream().anyMatch(r -> r.get() != null); i++) {
      System.gc();
      Thread.sleep(10);
    }
    List<Object> kept = new ArrayList<>();
    for (int i = 0; i < 64; i++) { // no total is read: registering folds on its own
      Object owner = new Object();
      kept.add(owner);
      rule.localCounter(Action.EVICTED, owner).add(1);
    }
    assertThat(rule.localCounters()).isLessThanOrEqualTo(64);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(164);
    assertThat(kept).hasSize(64);
  }

  private static WeakReference<Object> countAndDrop(Rule rule, int count) {
    Object owner = new Object();
    rule.localCounter(Action.EVICTED, owner).add(count);
    return new WeakReference<>(owner);
  }
}
