package io.heapwarden.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleTest {

  @AfterEach
  void reset() {
    Signals.listen(null);
    RuleTable.install(List.of());
  }

  private static Rule rule(int id) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 100;
    return new Rule(id, "com.example.Cache.entries", RuleKind.COLLECTION, limits);
  }

  @Test
  void aPausedRuleReadsAsOffUntilResumedButAFailedRuleStaysOff() {
    Rule rule = rule(0);
    rule.pause(true);
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.failed()).isFalse();
    rule.pause(false);
    assertThat(rule.enabled()).isTrue();

    rule.fail(new IllegalStateException("for the test"));
    rule.pause(false);
    assertThat(rule.enabled()).isFalse();
    assertThat(rule.failed()).isTrue();
  }

  @Test
  void unsetLimitsReadAsUnset() {
    Rule rule = rule(0);
    assertThat(rule.limit(Limit.MAX_ENTRIES)).isEqualTo(100);
    assertThat(rule.limit(Limit.MAX_BYTES)).isEqualTo(Limit.UNSET);
  }

  @Test
  void updatedLimitsAreSeenAndCallerArraysAreNotShared() {
    Rule rule = rule(0);
    long[] next = rule.limits();
    next[Limit.MAX_ENTRIES.ordinal()] = 250;
    assertThat(rule.limit(Limit.MAX_ENTRIES)).isEqualTo(100);
    rule.updateLimits(next);
    next[Limit.MAX_ENTRIES.ordinal()] = 1;
    assertThat(rule.limit(Limit.MAX_ENTRIES)).isEqualTo(250);
  }

  @Test
  void rejectsLimitArraysOfTheWrongShape() {
    assertThatThrownBy(() -> new Rule(0, "r", RuleKind.COLLECTION, new long[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsActionsPerKind() {
    Rule rule = rule(0);
    rule.count(Action.EVICTED);
    rule.count(Action.EVICTED, 4);
    rule.count(Action.REUSED);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(5);
    assertThat(rule.total(Action.REUSED)).isEqualTo(1);
    assertThat(rule.total(Action.CREATED)).isZero();
  }

  @Test
  void aFailureDisablesTheRuleAndIsSignalledOnce() {
    List<String> signals = new ArrayList<>();
    Signals.listen((r, failure) -> signals.add(r.name() + ": " + failure.getMessage()));
    Rule rule = rule(0);

    rule.fail(new IllegalStateException("first"));
    rule.fail(new IllegalStateException("second"));

    assertThat(rule.enabled()).isFalse();
    assertThat(rule.total(Action.FAILED)).isEqualTo(1);
    assertThat(signals).containsExactly("com.example.Cache.entries: first");
  }

  @Test
  void aThrowingListenerNeverReachesTheCaller() {
    Signals.listen(
        (r, failure) -> {
          throw new AssertionError("listener bug");
        });
    Rule rule = rule(0);
    rule.fail(new RuntimeException("hook bug"));
    assertThat(rule.enabled()).isFalse();
  }

  @Test
  void tableLooksUpByIdAndToleratesStaleIds() {
    RuleTable.install(List.of(rule(0), rule(1)));
    assertThat(RuleTable.get(1).id()).isEqualTo(1);
    assertThat(RuleTable.get(2)).isNull();
    assertThat(RuleTable.get(-1)).isNull();
    assertThat(RuleTable.all()).hasSize(2);
  }

  @Test
  void tableRejectsIdsOutOfOrder() {
    assertThatThrownBy(() -> RuleTable.install(List.of(rule(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
