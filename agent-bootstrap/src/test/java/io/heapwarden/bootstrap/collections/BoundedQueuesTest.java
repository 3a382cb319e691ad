package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The window of the bounded queues and deques: every insertion path keeps the newest entries. */
class BoundedQueuesTest {

  static Stream<Function<Rule, Queue<Integer>>> queues() {
    return Stream.of(
        BoundedArrayDeque::new,
        BoundedLinkedList::new,
        rule -> new BoundedLinkedBlockingQueue<>(rule, Integer.MAX_VALUE),
        rule -> new BoundedLinkedBlockingDeque<>(rule, Integer.MAX_VALUE),
        rule -> new BoundedArrayBlockingQueue<>(rule, 100),
        BoundedConcurrentLinkedQueue::new,
        BoundedConcurrentLinkedDeque::new);
  }

  static Stream<Function<Rule, Deque<Integer>>> deques() {
    return Stream.of(
        BoundedArrayDeque::new,
        BoundedLinkedList::new,
        rule -> new BoundedLinkedBlockingDeque<>(rule, Integer.MAX_VALUE),
        BoundedConcurrentLinkedDeque::new);
  }

  static Stream<Function<Rule, BlockingQueue<Integer>>> blockingQueues() {
    return Stream.of(
        rule -> new BoundedLinkedBlockingQueue<>(rule, 5),
        rule -> new BoundedLinkedBlockingDeque<>(rule, 5),
        rule -> new BoundedArrayBlockingQueue<>(rule, 5));
  }

  private static List<Integer> contents(Queue<Integer> queue) {
    return new ArrayList<>(queue);
  }

  @ParameterizedTest
  @MethodSource("queues")
  void everyInsertionPathKeepsTheNewestInOrder(Function<Rule, Queue<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    Queue<Integer> queue = factory.apply(rule);
    assertThat(queue.add(1)).isTrue();
    assertThat(queue.offer(2)).isTrue();
    assertThat(queue.addAll(List.of(3, 4))).isTrue();
    assertThat(contents(queue)).containsExactly(2, 3, 4);
    Collections.addAll(queue, 5, 6);
    assertThat(contents(queue)).containsExactly(4, 5, 6);
    assertThat(queue.offer(7)).isTrue();
    assertThat(contents(queue)).containsExactly(5, 6, 7);
    assertThat(queue.poll()).isEqualTo(5);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
    assertThat(queue.size()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("deques")
  void dequesDropTheEndOppositeTheInsertion(Function<Rule, Deque<Integer>> factory) {
    Rule rule = TestRules.maxEntries(3);
    Deque<Integer> deque = factory.apply(rule);
    deque.addLast(1);
    deque.offerLast(2);
    deque.add(3);
    deque.addFirst(0); // drops 3
    assertThat(contents(deque)).containsExactly(0, 1, 2);
    deque.offerFirst(-1); // drops 2
    deque.push(-2); // drops 1
    assertThat(contents(deque)).containsExactly(-2, -1, 0);
    deque.offer(4); // drops -2
    deque.addLast(5); // drops -1
    assertThat(contents(deque)).containsExactly(0, 4, 5);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(5);
  }

  @Test
  void blockingDequePutsAndTimedOffersAtEitherEnd() throws InterruptedException {
    Rule rule = TestRules.maxEntries(3);
    BlockingDeque<Integer> deque = new BoundedLinkedBlockingDeque<>(rule, 3);
    deque.put(1);
    deque.putLast(2);
    deque.offer(3, 1, TimeUnit.SECONDS);
    deque.putFirst(0); // drops 3
    assertThat(contents(deque)).containsExactly(0, 1, 2);
    assertThat(deque.offerFirst(-1, 1, TimeUnit.SECONDS)).isTrue(); // drops 2
    assertThat(deque.offerLast(4, 1, TimeUnit.SECONDS)).isTrue(); // drops -1
    assertThat(contents(deque)).containsExactly(0, 1, 4);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(3);
  }

  @ParameterizedTest
  @MethodSource("blockingQueues")
  void aFullBoundedQueueNeverBlocksNorRejects(Function<Rule, BlockingQueue<Integer>> factory) {
    Rule rule = TestRules.maxEntries(5);
    BlockingQueue<Integer> queue = factory.apply(rule);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (int i = 1; i <= 5; i++) {
            queue.put(i);
          }
          assertThat(queue.remainingCapacity()).isZero();
          queue.put(6);
          assertThat(queue.offer(7)).isTrue();
          assertThat(queue.add(8)).isTrue();
          assertThat(queue.offer(9, 1, TimeUnit.HOURS)).isTrue();
        });
    assertThat(contents(queue)).containsExactly(5, 6, 7, 8, 9);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("blockingQueues")
  void aCapacityBelowTheBoundWinsAsBefore(Function<Rule, BlockingQueue<Integer>> factory)
      throws InterruptedException {
    Rule rule = TestRules.maxEntries(10);
    BlockingQueue<Integer> queue = factory.apply(rule);
    queue.addAll(List.of(1, 2, 3, 4, 5));
    assertThat(queue.offer(6)).isFalse();
    assertThat(queue.offer(6, 10, TimeUnit.MILLISECONDS)).isFalse();
    assertThatThrownBy(() -> queue.add(6)).isInstanceOf(IllegalStateException.class);
    assertThat(contents(queue)).containsExactly(1, 2, 3, 4, 5);
    assertThat(rule.total(Action.EVICTED)).isZero();
  }

  @ParameterizedTest
  @MethodSource("queues")
  void nullHandlingIsTheOriginals(Function<Rule, Queue<Integer>> factory) {
    Rule rule = TestRules.maxEntries(2);
    Queue<Integer> queue = factory.apply(rule);
    queue.addAll(List.of(1, 2));
    if (queue instanceof BoundedLinkedList) {
      queue.add(null);
      assertThat(contents(queue)).containsExactly(2, null);
      return;
    }
    // A rejected null evicts nothing.
    assertThatThrownBy(() -> queue.offer(null)).isInstanceOf(NullPointerException.class);
    assertThat(contents(queue)).containsExactly(1, 2);
    assertThat(rule.total(Action.EVICTED)).isZero();
    // addAll adds up to the null, or (where the original checks first) nothing, as the original.
    assertThatThrownBy(() -> queue.addAll(Arrays.asList(3, null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void concurrentQueuesCountRemovalsOnEveryPath() {
    Rule rule = TestRules.maxEntries(4);
    BoundedConcurrentLinkedDeque<Integer> deque = new BoundedConcurrentLinkedDeque<>(rule);
    deque.addAll(List.of(1, 2, 3, 4));
    deque.remove(Integer.valueOf(2));
    deque.removeLastOccurrence(3);
    var it = deque.iterator();
    it.next();
    it.remove(); // 1
    assertThat(deque.windowSize()).isEqualTo(1);
    deque.addAll(List.of(5, 6, 7));
    deque.removeIf(e -> e == 5);
    deque.retainAll(List.of(4, 6));
    deque.removeAll(List.of(4));
    assertThat(deque.windowSize()).isEqualTo(1);
    deque.clear();
    assertThat(deque.windowSize()).isZero();
    deque.addAll(List.of(1, 2, 3, 4, 5));
    assertThat(contents(deque)).containsExactly(2, 3, 4, 5);

    BoundedConcurrentLinkedQueue<Integer> queue = new BoundedConcurrentLinkedQueue<>(rule);
    queue.addAll(List.of(1, 2, 3, 4));
    queue.remove(Integer.valueOf(2));
    queue.remove();
    var qit = queue.iterator();
    qit.next();
    qit.remove(); // 3
    queue.removeIf(e -> e == 4);
    assertThat(queue.windowSize()).isZero();
    queue.addAll(List.of(1, 2, 3, 4, 5));
    queue.retainAll(List.of(2, 3, 4, 5));
    queue.removeAll(List.of(2));
    assertThat(queue.windowSize()).isEqualTo(3);
    queue.clear();
    assertThat(queue.windowSize()).isZero();
  }
}
