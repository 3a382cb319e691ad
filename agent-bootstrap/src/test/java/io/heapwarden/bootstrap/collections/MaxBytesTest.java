package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.size.SizeEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code max-bytes}: the bounded types evict by the estimated size of their contents. */
class MaxBytesTest {
  private static final int PAYLOAD = 1000;
  private static final long ENTRY = SizeEstimator.estimate(new byte[PAYLOAD]); // 1016 B usually
  private static final long BUDGET = 10 * ENTRY + ENTRY / 2; // ten entries and a half

  static Stream<Function<Rule, Map<Integer, byte[]>>> maps() {
    return Stream.of(
        rule -> new BoundedLinkedHashMap<>(rule, false),
        rule -> new BoundedLinkedHashMap<>(rule, true),
        rule -> new BoundedHashMap<>(rule),
        rule -> new BoundedConcurrentHashMap<>(rule, false),
        rule -> new BoundedConcurrentHashMap<>(rule, true),
        rule -> new BoundedTreeMap<>(null, rule, false));
  }

  static Stream<Function<Rule, Queue<byte[]>>> queues() {
    return BoundedQueuesTest.queues().map(factory -> rule -> cast(factory.apply(rule)));
  }

  @SuppressWarnings("unchecked") // the factories make empty queues of any element type
  private static Queue<byte[]> cast(Queue<?> queue) {
    return (Queue<byte[]>) queue;
  }

  @ParameterizedTest
  @MethodSource("maps")
  void aMapKeepsItsEstimatedSizeUnderMaxBytes(Function<Rule, Map<Integer, byte[]>> factory) {
    Rule rule = TestRules.maxBytes(BUDGET + 10 * SizeEstimator.estimate(0));
    Map<Integer, byte[]> map = factory.apply(rule);
    for (int i = 0; i < 100; i++) {
      map.put(i, new byte[PAYLOAD]);
    }
    assertThat(map).hasSize(10);
    assertThat(map.keySet()).allMatch(k -> k >= 90, "the newest keys");
    assertThat(rule.total(Action.EVICTED)).isEqualTo(90);
  }

  @Test
  void aListKeepsItsEstimatedSizeUnderMaxBytes() {
    Rule rule = TestRules.maxBytes(BUDGET);
    @SuppressWarnings("unchecked")
    List<byte[]> list = (List<byte[]>) BoundedSequences.copyOf(new ArrayList<>(), rule, false);
    for (int i = 0; i < 100; i++) {
      byte[] entry = new byte[PAYLOAD];
      entry[0] = (byte) i;
      list.add(entry);
    }
    assertThat(list).hasSize(10);
    assertThat(list.get(0)[0]).isEqualTo((byte) 90);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(90);
  }

  @ParameterizedTest
  @MethodSource("queues")
  void aQueueKeepsItsEstimatedSizeUnderMaxBytes(Function<Rule, Queue<byte[]>> factory) {
    Rule rule = TestRules.maxBytes(BUDGET);
    Queue<byte[]> queue = factory.apply(rule);
    for (int i = 0; i < 100; i++) {
      byte[] entry = new byte[PAYLOAD];
      entry[0] = (byte) i;
      queue.offer(entry);
    }
    assertThat(queue).hasSize(10);
    assertThat(queue.peek()[0]).isEqualTo((byte) 90);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(90);
  }

  @Test
  void theTighterOfMaxEntriesAndMaxBytesWins() {
    Rule rule = TestRules.maxBytes(BUDGET);
    TestRules.setMaxEntries(rule, 4);
    List<byte[]> list = new BoundedArrayList<>(rule, 10);
    for (int i = 0; i < 20; i++) {
      list.add(new byte[PAYLOAD]);
    }
    assertThat(list).hasSize(4);
  }

  @Test
  void maxBytesIsLiveAndSmallerEntriesFitMoreOfThem() {
    Rule rule = TestRules.maxBytes(BUDGET);
    Map<Integer, byte[]> map = new BoundedConcurrentHashMap<>(rule, false);
    for (int i = 0; i < 100; i++) {
      map.put(i, new byte[PAYLOAD]);
    }
    assertThat(map.size()).isLessThanOrEqualTo(10);

    TestRules.setMaxBytes(rule, 2 * BUDGET);
    for (int i = 100; i < 200; i++) {
      map.put(i, new byte[PAYLOAD]);
    }
    assertThat(map.size()).isBetween(19, 21);

    // Once the contents shrink, the running average follows and more of them fit.
    for (int i = 200; i < 600; i++) {
      map.put(i, new byte[PAYLOAD / 10]);
    }
    assertThat(map.size()).isGreaterThan(100);
  }

  @Test
  void withoutMaxBytesNothingIsEstimated() {
    Rule rule = TestRules.maxEntries(1000);
    BoundedArrayList<Object> list = new BoundedArrayList<>(rule, 10);
    for (int i = 0; i < 100; i++) {
      list.add(new byte[PAYLOAD]);
    }
    assertThat(list.bytes()).as("no budget at all").isNull();
    assertThat(list).hasSize(100);
  }

  @Test
  void aHashMapFilledByPutAllIsSampledToo() {
    Rule rule = TestRules.maxBytes(BUDGET + 10 * SizeEstimator.estimate(0));
    Map<Integer, byte[]> source = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      source.put(i, new byte[PAYLOAD]);
    }
    Map<Integer, byte[]> map = new BoundedLinkedHashMap<>(rule, false);
    map.putAll(source);
    assertThat(map).hasSize(10);
    Map<Integer, byte[]> concurrent = new BoundedConcurrentHashMap<>(rule, false);
    concurrent.putAll(new ConcurrentHashMap<>(source));
    assertThat(concurrent).hasSize(10);
  }
}
