package io.heapwarden.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.heapwarden.bootstrap.collections.BoundedMaps;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache's get-or-put at steady state, full and evicting (see {@link Keys}), for the bounded maps
 * and what a team would use instead. The non-thread-safe maps run at 1 thread only:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MapBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar MapBenchmark -t 2 -p map=chm,caffeine,bounded-chm-lru,bounded-chm-fifo
 * </pre>
 *
 * <p>Not in the default list: {@code bounded-hashmap-lru-emergency}, the bounded {@code HashMap}
 * under a memory emergency (see {@code benchmarks/maps/lru-ratio.sh}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MapBenchmark {
  @Param({
    "hashmap",
    "lhm-lru",
    "bounded-hashmap-lru",
    "bounded-hashmap-fifo",
    "chm",
    "caffeine",
    "bounded-chm-lru",
    "bounded-chm-fifo"
  })
  public String map;

  @Param("1000")
  public int maximumSize;

  private Map<Integer, Integer> cache;
  private Integer[] keys;

  @Setup
  public void setUp() {
    cache = create(map, maximumSize);
    keys = Keys.uniform(maximumSize, 42);
    for (Integer key : keys) {
      getOrPut(key);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<Integer, Integer> create(String kind, int maximumSize) {
    switch (kind) {
      case "hashmap":
        return new HashMap<>(); // unbounded: the cost of no eviction at all
      case "lhm-lru":
        return new LinkedHashMap<>(16, 0.75f, true) { // the hand-written LRU
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Integer> eldest) {
            return size() > maximumSize;
          }
        };
      case "bounded-hashmap-lru":
        return (Map<Integer, Integer>) // a supported class: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(new HashMap<>(), Rules.maxEntries(maximumSize), true));
      case "bounded-hashmap-lru-emergency":
        // The cost of the in-band pressure check on a write: the same bound reached through a
        // memory emergency (twice the bound, scaled to 50%), so each write scales its bound.
        // The emergency is JVM-wide: a fork of its own, or MapPairRun, which switches it per slice.
        MemoryPressure.enterEmergency(50, TimeUnit.HOURS.toNanos(1));
        return (Map<Integer, Integer>) // a supported class: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(new HashMap<>(), Rules.maxEntries(2L * maximumSize), true));
      case "bounded-hashmap-fifo":
        return (Map<Integer, Integer>) // a supported class: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(new HashMap<>(), Rules.maxEntries(maximumSize), false));
      case "chm":
        return new ConcurrentHashMap<>();
      case "caffeine":
        // maintenance on the calling thread, so its cost is counted like ours
        return Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .executor(Runnable::run)
            .<Integer, Integer>build()
            .asMap();
      case "bounded-chm-lru":
        return (Map<Integer, Integer>) // a supported class: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(new ConcurrentHashMap<>(), Rules.maxEntries(maximumSize), true));
      case "bounded-chm-fifo":
        return (Map<Integer, Integer>) // a supported class: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(
                    new ConcurrentHashMap<>(), Rules.maxEntries(maximumSize), false));
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  private Integer getOrPut(Integer key) {
    Integer value = cache.get(key);
    if (value == null) {
      cache.put(key, key);
      return key;
    }
    return value;
  }

  @Benchmark
  public Integer getOrPut(ThreadIndex thread) {
    return getOrPut(keys[thread.next() & Keys.MASK]);
  }
}
