package io.heapwarden.bootstrap.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

class TrackedFieldTest {
  @Test
  void remembersEachCollectionOnceAndIgnoresOtherValues() {
    TrackedField field = new TrackedField("a.B", "items", "java.util.List", false);
    List<String> list = new ArrayList<>();

    field.track(list);
    field.track(list);
    field.track("not a collection");

    assertThat(field.live()).containsExactly(list);
    assertThat(field.stores()).isEqualTo(2);
  }

  @Test
  void boundsTheLiveInstancesAndCountsTheRest() {
    TrackedField field = new TrackedField("a.B", "items", "java.util.Map", false);
    List<Map<String, String>> kept = new ArrayList<>();
    for (int i = 0; i < TrackedField.MAX_INSTANCES + 10; i++) {
      Map<String, String> map = new HashMap<>();
      kept.add(map);
      field.track(map);
    }

    assertThat(field.live()).hasSize(TrackedField.MAX_INSTANCES);
    assertThat(field.untracked()).isEqualTo(10);
    assertThat(kept).hasSize(TrackedField.MAX_INSTANCES + 10);
  }

  @Test
  void registeringOneFieldTwiceGivesOneId() {
    int first = TrackedFields.register("a.Twice", "items", "java.util.List", true);
    int second = TrackedFields.register("a.Twice", "items", "java.util.List", true);

    assertThat(second).isEqualTo(first);
    assertThat(TrackedFields.all().get(first).qualifiedName()).isEqualTo("a.Twice.items");
  }

  @Test
  void theHookTracksThroughTheRegistryAndIgnoresNull() {
    int id = TrackedFields.register("a.Hooked", "queue", "java.util.List", false);
    List<String> list = new ArrayList<>();

    DiscoveryHooks.onStore(list, id);
    DiscoveryHooks.onStore(null, id);
    DiscoveryHooks.onStore(list, 1_000_000); // an unknown id is ignored

    assertThat(TrackedFields.all().get(id).live()).containsExactly(list);
  }

  /**
   * The memory of one tracked field, as JOL counts it (the figures in docs/discovery.md): the
   * field's own objects, and what each tracked collection adds (its weak reference).
   */
  @Test
  void aTrackedFieldCostsAboutAKilobyteAndAWeakReferencePerCollection() {
    TrackedField field = new TrackedField("a.B", "items", "java.util.List", false);
    long empty = GraphLayout.parseInstance(field).totalSize();
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<String> list = new ArrayList<>();
      lists.add(list);
      field.track(list);
    }
    long withTen = GraphLayout.parseInstance(field).totalSize();
    Object[] array = lists.toArray();
    long listsAlone =
        GraphLayout.parseInstance(array).totalSize()
            - GraphLayout.parseInstance((Object) new Object[10]).totalSize();
    long perCollection = (withTen - empty - listsAlone) / 10;
    System.out.printf(
        "tracked field: %d bytes empty, %d bytes more per tracked collection%n",
        empty, perCollection);

    assertThat(empty).isBetween(1_000L, 1_600L);
    assertThat(perCollection).isBetween(24L, 48L); // one WeakReference
  }
}
