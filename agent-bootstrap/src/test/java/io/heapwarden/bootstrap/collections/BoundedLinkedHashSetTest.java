package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinkedHashSetTest {

  @Test
  void fifoDropsTheOldestInsertedElement() {
    Rule rule = TestRules.maxEntries(3);
    BoundedLinkedHashSet<String> set = new BoundedLinkedHashSet<>(rule, false, false);
    set.addAll(List.of("a", "b", "c"));
    assertThat(set.contains("a")).isTrue();
    assertThat(set.add("b")).isFalse();
    set.add("d");
    assertThat(set).containsExactly("b", "c", "d");
    set.addAll(List.of("e", "f"));
    assertThat(set).containsExactly("d", "e", "f");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(3);
  }

  @Test
  void lruGivesAccessedElementsASecondChance() {
    Rule rule = TestRules.maxEntries(3);
    BoundedLinkedHashSet<String> set = new BoundedLinkedHashSet<>(rule, true, false);
    set.addAll(List.of("a", "b", "c"));
    assertThat(set.contains("a")).isTrue();
    set.add("d"); // a is marked: it moves to the newest end, b goes
    assertThat(set).containsExactly("c", "d", "a");
    set.add("e"); // no marks left: the eldest, c, goes
    assertThat(set).containsExactly("d", "a", "e");
    assertThat(set.add("d")).isFalse(); // adding a present element is an access too
    set.add("f");
    assertThat(set).containsExactly("e", "f", "d");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(3);
  }

  @Test
  void lruMarksWithoutStructuralModification() {
    BoundedLinkedHashSet<String> set =
        new BoundedLinkedHashSet<>(TestRules.maxEntries(5), true, false);
    set.addAll(List.of("a", "b", "c"));
    for (String s : set) {
      assertThat(set.contains(s)).isTrue(); // would throw ConcurrentModificationException otherwise
    }
    assertThat(set.add("a")).isFalse();
    assertThat(set).containsExactly("a", "b", "c");
  }

  @Test
  void lruWithEveryElementAccessedKeepsTheNewOneAndDropsTheEldest() {
    Rule rule = TestRules.maxEntries(2);
    BoundedLinkedHashSet<String> set = new BoundedLinkedHashSet<>(rule, true, false);
    set.addAll(List.of("a", "b"));
    assertThat(set.containsAll(List.of("a", "b"))).isTrue();
    set.add("c");
    assertThat(set).containsExactly("b", "c");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(1);
  }

  @Test
  void lruTrimsToZeroWhenAsked() {
    Rule rule = TestRules.maxEntries(5);
    BoundedLinkedHashSet<String> set = new BoundedLinkedHashSet<>(rule, true, true);
    set.addAll(List.of("a", "b", "c"));
    set.contains("b");
    set.contains("c");
    assertThat(set.trimTo(1)).isEqualTo(2);
    assertThat(set).containsExactly("c");
    assertThat(set.trimTo(0)).isEqualTo(1);
    assertThat(set).isEmpty();
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(3);
  }

  @Test
  void nullIsAnElementLikeAnyOther() {
    BoundedLinkedHashSet<String> set =
        new BoundedLinkedHashSet<>(TestRules.maxEntries(2), true, true);
    set.add(null);
    set.add("a"); // past half the bound: reads mark from now on
    assertThat(set.contains(null)).isTrue();
    set.add("b");
    assertThat(set).containsExactly("b", null); // null was accessed: a went
  }
}
