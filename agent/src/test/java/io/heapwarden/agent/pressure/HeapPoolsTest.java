package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool names as JDK 17 and 25 report them (see HeapPools). */
class HeapPoolsTest {
  private static boolean longLived(String name, String... heapPools) {
    return HeapPools.isLongLived(name, List.of(heapPools));
  }

  @Test
  void theOldPoolOfEachCollector() {
    assertThat(longLived("G1 Old Gen", "G1 Eden Space", "G1 Old Gen", "G1 Survivor Space"))
        .isTrue();
    assertThat(longLived("G1 Eden Space", "G1 Eden Space", "G1 Old Gen", "G1 Survivor Space"))
        .isFalse();
    assertThat(longLived("G1 Survivor Space", "G1 Eden Space", "G1 Old Gen")).isFalse();
    assertThat(longLived("PS Old Gen", "PS Old Gen", "PS Survivor Space", "PS Eden Space"))
        .isTrue();
    assertThat(longLived("PS Eden Space", "PS Old Gen", "PS Eden Space")).isFalse();
    assertThat(longLived("Tenured Gen", "Tenured Gen", "Eden Space", "Survivor Space")).isTrue();
    assertThat(longLived("Eden Space", "Tenured Gen", "Eden Space", "Survivor Space")).isFalse();
    assertThat(longLived("ZHeap", "ZHeap")).isTrue();
    assertThat(longLived("ZGC Old Generation", "ZGC Old Generation", "ZGC Young Generation"))
        .isTrue();
    assertThat(longLived("ZGC Young Generation", "ZGC Old Generation", "ZGC Young Generation"))
        .isFalse();
    assertThat(longLived("Shenandoah", "Shenandoah")).isTrue();
  }

  @Test
  void anUnknownCollectorsOldOrOnlyPool() {
    assertThat(longLived("Future Old Space", "Future Old Space", "Future Nursery")).isTrue();
    assertThat(longLived("Future Nursery", "Future Old Space", "Future Nursery")).isFalse();
    assertThat(longLived("Epsilon Heap", "Epsilon Heap")).isTrue();
  }

  @Test
  void thisJvmHasExactlyOneLongLivedPool() {
    List<MemoryPoolMXBean> pools = HeapPools.longLived(ManagementFactory.getMemoryPoolMXBeans());

    assertThat(pools).hasSize(1);
    assertThat(HeapPools.KNOWN).contains(pools.get(0).getName());
  }

  @Test
  void theReadingIsTheFullerOfTheOldGenerationAndTheWholeHeap() {
    // Parallel: a 64 MB old generation nearly full is critical though the 96 MB heap is not
    assertThat(HeapPools.reading(60, 64, 62, 96)).isEqualTo(60.0 / 64);
    // G1 in a spike: survivors count with the old regions against the heap's maximum
    assertThat(HeapPools.reading(70, 96, 84, 96)).isEqualTo(84.0 / 96);
    assertThat(HeapPools.reading(0, -1, 0, -1)).isEqualTo(-1);
  }

  @Test
  void collectionsThatReclaimOldObjectsSettleTheReading() {
    assertThat(HeapPools.settles("G1 Old Generation", "end of major GC")).isTrue();
    assertThat(HeapPools.settles("PS MarkSweep", "end of major GC")).isTrue();
    assertThat(HeapPools.settles("MarkSweepCompact", "end of major GC")).isTrue();
    assertThat(HeapPools.settles("ZGC Cycles", "end of GC cycle")).isTrue();
    assertThat(HeapPools.settles("ZGC Major Cycles", "end of GC cycle")).isTrue();
    assertThat(HeapPools.settles("G1 Young Generation", "end of minor GC")).isFalse();
    assertThat(HeapPools.settles("PS Scavenge", "end of minor GC")).isFalse();
    assertThat(HeapPools.settles("ZGC Minor Cycles", "end of GC cycle")).isFalse();
    assertThat(HeapPools.isPauseOnly("ZGC Major Pauses")).isTrue();
    assertThat(HeapPools.isPauseOnly("G1 Young Generation")).isFalse();
  }

  @Test
  void theSurvivorPoolsOfThisJvmLeaveEdenOut() {
    List<MemoryPoolMXBean> all = ManagementFactory.getMemoryPoolMXBeans();
    List<MemoryPoolMXBean> old = HeapPools.longLived(all);
    for (MemoryPoolMXBean pool : HeapPools.survivors(all, old)) {
      assertThat(pool.getName()).doesNotContain("Eden").doesNotContain("Young");
      assertThat(old).doesNotContain(pool);
    }
  }
}
