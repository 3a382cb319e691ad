package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class LiveCollectionsTest {

  @Test
  void sumsTheSizesOfTheLiveCollectionsOfARule() {
    Rule rule = TestRules.maxEntries(100);
    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
    Map<String, String> map = new HashMap<>(Map.of("a", "1"));
    Map<String, String> concurrent = new ConcurrentHashMap<>(Map.of("b", "2", "c", "3"));

    LiveCollections.register(rule, list);
    LiveCollections.register(rule, map);
    LiveCollections.register(rule, concurrent);

    assertThat(LiveCollections.size(rule)).as("few: every one counted").isEqualTo(6);
    assertThat(LiveCollections.count(rule)).isEqualTo(3);
    assertThat(LiveCollections.size(TestRules.maxEntries(5))).isZero();
    assertThat(LiveCollections.live(TestRules.maxEntries(5))).isEmpty();
  }

  @Test
  void holdsEveryThreadSafeCollectionForTheTrimAndNoOther() {
    Rule rule = TestRules.maxEntries(100);
    List<Object> threadSafe = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      Object collection = i % 2 == 0 ? new ConcurrentHashMap<>() : new LinkedBlockingQueue<>();
      threadSafe.add(collection);
      LiveCollections.register(rule, collection);
      LiveCollections.register(rule, new ArrayList<>());
    }

    assertThat(LiveCollections.live(rule)).hasSize(3000).containsAll(threadSafe);
  }

  @Test
  void samplesCollectionsThatAreNotThreadSafeOnceTheyAreMany() {
    Rule rule = TestRules.maxEntries(100);
    List<Object> alive = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      List<Integer> list = new ArrayList<>(List.of(1, 2));
      alive.add(list);
      LiveCollections.register(rule, list);
    }

    assertThat(LiveCollections.nodes(rule))
        .as("a sample, not one weak reference per collection")
        .isLessThan(8 * LiveRegistry.SAMPLE);
    assertThat(LiveCollections.count(rule)).as("estimated").isBetween(75_000L, 125_000L);
    assertThat(LiveCollections.size(rule)).as("estimated").isBetween(150_000L, 250_000L);
    assertThat(LiveCollections.live(rule)).as("not the trim's to touch").isEmpty();
    assertThat(alive).hasSize(100_000);
  }

  @Test
  void keepsTheListShortWhileCollectionsComeAndGo() throws InterruptedException {
    Rule rule = TestRules.maxEntries(100);
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < 10_000; i++) {
        LiveCollections.register(rule, new ConcurrentHashMap<>()); // every one held, weakly
      }
      System.gc();
      Thread.sleep(5);
    }

    assertThat(LiveCollections.nodes(rule))
        .as("gone ones unlinked by the registrations' sweep, not kept")
        .isLessThan(100_000);
  }

  @Test
  void neverKeepsACollectionAlive() throws InterruptedException {
    Rule rule = TestRules.maxEntries(100);
    LiveCollections.register(rule, new ArrayList<>(List.of(1, 2)));
    LiveCollections.register(rule, new ConcurrentHashMap<>(Map.of(1, 2)));

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (LiveCollections.count(rule) > 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(LiveCollections.count(rule)).isZero();
    assertThat(LiveCollections.size(rule)).isZero();
    assertThat(LiveCollections.live(rule)).isEmpty();
  }
}
