package io.heapwarden.bootstrap.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class CheapSizeTest {
  /** A service's LRU cache: a subclass that keeps LinkedHashMap's size(). */
  static final class Lru extends LinkedHashMap<String, String> {
    private static final long serialVersionUID = 1L;
  }

  /** A subclass whose size() is its own. */
  static final class Counting extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return 42;
    }
  }

  @Test
  void readsTheSizeOfJdkTypesWhoseSizeIsAField() {
    Map<String, String> map = new HashMap<>(Map.of("a", "1", "b", "2"));
    List<String> list = new ArrayList<>(List.of("x"));

    assertThat(CheapSize.of(map)).isEqualTo(2);
    assertThat(CheapSize.of(list)).isEqualTo(1);
    assertThat(CheapSize.of(new ConcurrentHashMap<>(map))).isEqualTo(2);
    assertThat(CheapSize.of(new LinkedBlockingQueue<>(list))).isEqualTo(1);
    assertThat(CheapSize.of(Collections.synchronizedList(list))).isEqualTo(1);
    assertThat(CheapSize.of(Collections.unmodifiableMap(map))).isEqualTo(2);
    assertThat(CheapSize.of(new Lru())).isZero();
  }

  @Test
  void doesNotReadSizesThatWalkOrChangeTheCollection() {
    assertThat(CheapSize.of(new ConcurrentLinkedQueue<>(List.of("x")))).isEqualTo(-1);
    assertThat(CheapSize.of(new ConcurrentSkipListMap<>(Map.of("a", "1")))).isEqualTo(-1);
    assertThat(CheapSize.of(new WeakHashMap<>())).isEqualTo(-1);
    assertThat(CheapSize.of(new Counting())).isEqualTo(-1);
  }
}
