package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.collections.BoundedMaps;
import io.heapwarden.bootstrap.size.SizeEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * What {@code max-bytes} costs: one size estimate of typical contents, and a bounded map's
 * get-or-put (full, evicting) with {@code max-entries} alone against {@code max-entries} and {@code
 * max-bytes} (sampled estimates, see docs/collections.md):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MaxBytesBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaxBytesBenchmark {
  /** A chat message as a service would cache it: a String and a list of boxed numbers. */
  record Message(String text, List<Integer> scores) {}

  @Param({"entries", "entries+bytes"})
  public String limits;

  private String string = "a response cache key of forty characters";
  private byte[] bytes = new byte[1000];
  private Message message =
      new Message("a chat message of some length", new ArrayList<>(List.of(1000, 2000, 3000)));

  private Map<Integer, byte[]> cache;
  private Integer[] keys;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    int maximumSize = 1000;
    cache =
        (Map<Integer, byte[]>) // HashMap is supported: never null
            Objects.requireNonNull(
                BoundedMaps.copyOf(
                    new HashMap<>(),
                    limits.equals("entries")
                        ? Rules.maxEntries(maximumSize)
                        : Rules.maxEntriesAndBytes(maximumSize, 1L << 30),
                    false));
    keys = Keys.uniform(maximumSize, 42);
  }

  @Benchmark
  public long estimateString() {
    return SizeEstimator.estimate(string);
  }

  @Benchmark
  public long estimateByteArray() {
    return SizeEstimator.estimate(bytes);
  }

  @Benchmark
  public long estimateRecordGraph() {
    return SizeEstimator.estimate(message);
  }

  @Benchmark
  public byte[] getOrPut(ThreadIndex thread) {
    Integer key = keys[thread.next() & Keys.MASK];
    byte[] value = cache.get(key);
    if (value == null) {
      cache.put(key, bytes);
      return bytes;
    }
    return value;
  }
}
