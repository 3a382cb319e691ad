package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Runs against this test JVM's own (manageable) heap free ratios, and restores them. */
class HeapShrinkTest {
  private final HotSpotDiagnosticMXBean hotspot =
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

  private String flag(String name) {
    return hotspot.getVMOption(name).getValue();
  }

  @Test
  void lowersTheFreeRatiosForOneCollectionAndRestoresThem() {
    String min = flag("MinHeapFreeRatio");
    String max = flag("MaxHeapFreeRatio");
    assertThat(Long.parseLong(max)).as("the JVM default").isGreaterThan(HeapShrink.MAX_FREE);

    try (HeapShrink shrink = HeapShrink.lower()) {
      assertThat(shrink).isNotNull();
      assertThat(flag("MinHeapFreeRatio")).isEqualTo("10");
      assertThat(flag("MaxHeapFreeRatio")).isEqualTo("30");
    }

    assertThat(flag("MinHeapFreeRatio")).isEqualTo(min);
    assertThat(flag("MaxHeapFreeRatio")).isEqualTo(max);
  }

  @Test
  void leavesRatiosTheServiceSetLowerAlone() {
    String min = flag("MinHeapFreeRatio");
    String max = flag("MaxHeapFreeRatio");
    hotspot.setVMOption("MinHeapFreeRatio", "5");
    hotspot.setVMOption("MaxHeapFreeRatio", "20");
    try {
      assertThat(HeapShrink.lower()).isNull();
      assertThat(flag("MaxHeapFreeRatio")).isEqualTo("20");
    } finally {
      hotspot.setVMOption("MaxHeapFreeRatio", max);
      hotspot.setVMOption("MinHeapFreeRatio", min);
    }
  }
}
