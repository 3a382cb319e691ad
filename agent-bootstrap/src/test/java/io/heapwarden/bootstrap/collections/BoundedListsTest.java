package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.ListIterator;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The window of the bounded lists: every insertion path keeps the newest entries in order. */
class BoundedListsTest {

  static Stream<Function<Rule, List<Integer>>> lists() {
    return Stream.of(
        rule -> new BoundedArrayList<>(rule, 4),
        BoundedLinkedList::new,
        rule -> new BoundedLinkedList<Integer>(rule).subList(0, 0));
  }

  private static List<Integer> filled(Function<Rule, List<Integer>> factory, Rule rule, int n) {
    List<Integer> list = factory.apply(rule);
    for (int i = 1; i <= n; i++) {
      list.add(i);
    }
    return list;
  }

  @ParameterizedTest
  @MethodSource("lists")
  void addPastTheBoundDropsTheOldest(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    List<Integer> list = filled(factory, rule, 5);
    assertThat(list).containsExactly(3, 4, 5);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void addAtAnIndexDropsIndexZero(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    List<Integer> list = filled(factory, rule, 3);
    list.add(1, 10);
    assertThat(list).containsExactly(10, 2, 3);
    list.add(0, 20);
    assertThat(list).containsExactly(10, 2, 3);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void bulkInsertionsKeepTheNewest(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(4);
    List<Integer> list = filled(factory, rule, 2);
    list.addAll(List.of(3, 4, 5));
    assertThat(list).containsExactly(2, 3, 4, 5);
    list.addAll(2, List.of(6, 7));
    assertThat(list).containsExactly(6, 7, 4, 5);
    Collections.addAll(list, 8, 9, 10, 11, 12);
    assertThat(list).containsExactly(9, 10, 11, 12);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(8);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void setDoesNotGrow(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    List<Integer> list = filled(factory, rule, 3);
    list.set(0, 9);
    assertThat(list).containsExactly(9, 2, 3);
    assertThat(rule.total(Action.EVICTED)).isZero();
  }

  @ParameterizedTest
  @MethodSource("lists")
  void listIteratorAddKeepsTheBoundAndItsPosition(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    List<Integer> list = filled(factory, rule, 3);
    ListIterator<Integer> it = list.listIterator();
    assertThat(it.next()).isEqualTo(1);
    assertThat(it.next()).isEqualTo(2);
    it.add(10); // [1, 2, 10, 3] -> drops 1
    assertThat(list).containsExactly(2, 10, 3);
    assertThat(it.nextIndex()).isEqualTo(2);
    assertThat(it.next()).isEqualTo(3);
    assertThat(it.hasNext()).isFalse();
    it.add(11); // [2, 10, 3, 11] -> drops 2
    assertThat(list).containsExactly(10, 3, 11);
    assertThat(it.hasNext()).isFalse();
    assertThat(it.previous()).isEqualTo(11);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void subListInsertionsTrimTheParentAndShiftTheView(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(4);
    List<Integer> list = filled(factory, rule, 4); // [1, 2, 3, 4]
    List<Integer> view = list.subList(1, 3); // [2, 3]
    view.add(10); // [1, 2, 3, 10, 4] -> drops 1
    assertThat(list).containsExactly(2, 3, 10, 4);
    assertThat(view).containsExactly(2, 3, 10);
    view.addAll(0, List.of(11, 12)); // [11, 12, 2, 3, 10, 4] -> drops 11, 12
    assertThat(list).containsExactly(2, 3, 10, 4);
    assertThat(view).containsExactly(2, 3, 10);
    view.add(1, 13); // [2, 13, 3, 10, 4] -> drops 2, the view's own first entry
    assertThat(list).containsExactly(13, 3, 10, 4);
    assertThat(view).containsExactly(13, 3, 10);
    view.clear();
    assertThat(list).containsExactly(4);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void nestedSubListsFollowTheirParents(Function<Rule, List<Integer>> factory) {
    Rule rule = TestRules.maxEntries(4);
    List<Integer> list = filled(factory, rule, 4);
    List<Integer> outer = list.subList(1, 4); // [2, 3, 4]
    List<Integer> inner = outer.subList(1, 2); // [3]
    inner.add(10); // [1, 2, 3, 10, 4] -> drops 1
    assertThat(inner).containsExactly(3, 10);
    assertThat(outer).containsExactly(2, 3, 10, 4);
    assertThat(list).containsExactly(2, 3, 10, 4);
  }

  @ParameterizedTest
  @MethodSource("lists")
  void subListRangesAreCheckedAsByTheJdk(Function<Rule, List<Integer>> factory) {
    List<Integer> list = filled(factory, TestRules.maxEntries(10), 3);
    assertThatThrownBy(() -> list.subList(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.subList(0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.subList(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subListsFailFastAfterAnOutsideChange() {
    BoundedArrayList<Integer> list = new BoundedArrayList<>(TestRules.maxEntries(10), 4);
    list.addAll(List.of(1, 2, 3));
    List<Integer> view = list.subList(0, 2);
    list.add(4);
    assertThatThrownBy(view::size).isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void arrayListAndItsViewsStayRandomAccess() {
    BoundedArrayList<Integer> list = new BoundedArrayList<>(TestRules.maxEntries(10), 4);
    list.addAll(List.of(1, 2, 3));
    assertThat(list).isInstanceOf(RandomAccess.class);
    assertThat(list.subList(0, 2)).isInstanceOf(RandomAccess.class);
    assertThat(new BoundedLinkedList<Integer>(TestRules.maxEntries(10)).subList(0, 0))
        .isNotInstanceOf(RandomAccess.class);
  }

  @Test
  void linkedListAsADequeDropsTheOppositeEnd() {
    Rule rule = TestRules.maxEntries(3);
    BoundedLinkedList<Integer> list = new BoundedLinkedList<>(rule);
    list.offer(1);
    list.offerLast(2);
    list.addLast(3);
    list.addFirst(0); // drops the tail: 3
    assertThat(list).containsExactly(0, 1, 2);
    list.push(-1); // drops 2
    list.offerFirst(-2); // drops 1
    assertThat(list).containsExactly(-2, -1, 0);
    list.offer(5); // drops the head: -2
    assertThat(list).containsExactly(-1, 0, 5);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
  }

  @Test
  void nullsAreKeptAsInTheOriginal() {
    BoundedArrayList<Integer> list = new BoundedArrayList<>(TestRules.maxEntries(2), 2);
    list.add(null);
    list.add(1);
    list.add(null);
    assertThat(list).containsExactly(1, null);
  }
}
