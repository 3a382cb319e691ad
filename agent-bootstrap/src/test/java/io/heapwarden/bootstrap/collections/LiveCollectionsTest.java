package io.heapwarden.bootstrap.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveCollectionsTest {

  @Test
  void sumsTheSizesOfTheLiveCollectionsOfARule() {
    Rule rule = TestRules.maxEntries(100);
    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
    Map<String, String> map = new HashMap<>(Map.of("a", "1"));

    LiveCollections.register(rule, list);
    LiveCollections.register(rule, map);

    assertThat(LiveCollections.size(rule)).isEqualTo(4);
    assertThat(LiveCollections.count(rule)).isEqualTo(2);
    assertThat(LiveCollections.size(TestRules.maxEntries(5))).isZero();
    assertThat(LiveCollections.live(rule)).containsExactlyInAnyOrder(list, map);
    assertThat(LiveCollections.live(TestRules.maxEntries(5))).isEmpty();
  }

  @Test
  void neverKeepsACollectionAlive() throws InterruptedException {
    Rule rule = TestRules.maxEntries(100);
    LiveCollections.register(rule, new ArrayList<>(List.of(1, 2)));

    long deadline = System.nanoTime() + 10_000_000_000L;
    while (LiveCollections.count(rule) > 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(LiveCollections.count(rule)).isZero();
    assertThat(LiveCollections.size(rule)).isZero();
  }
}
