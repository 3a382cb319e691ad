package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Two maps of {@link MapBenchmark} under its get-or-put load, in one JVM, in alternating slices of
 * 20 ms: the time ratio of each pair of slices, and the median over all pairs. Drift of the
 * machine's speed (other tenants, frequency) hits both maps of a pair alike, so the ratio holds
 * where separate JMH forks, minutes apart, disagree by tens of percent. It complements {@code
 * MapBenchmark}, whose forks isolate each map's JIT profile, which this run does not.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.heapwarden.benchmarks.MapPairRun lhm-lru bounded-hashmap-lru 400
 * </pre>
 */
public final class MapPairRun {
  private static final long SLICE_NANOS = 20_000_000L;
  private static final int WARM_UP_SLICES = 100;
  private static final int MAXIMUM_SIZE = 1000;

  private MapPairRun() {}

  public static void main(String[] args) {
    String baselineKind = args.length > 0 ? args[0] : "lhm-lru";
    String candidateKind = args.length > 1 ? args[1] : "bounded-hashmap-lru";
    int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 400;
    Integer[] keys = Keys.uniform(MAXIMUM_SIZE, 42);
    GetOrPutLoop baseline =
        new GetOrPutLoop(MapBenchmark.create(baselineKind, MAXIMUM_SIZE), keys, baselineKind);
    GetOrPutLoop candidate =
        new GetOrPutLoop(MapBenchmark.create(candidateKind, MAXIMUM_SIZE), keys, candidateKind);
    for (int i = 0; i < WARM_UP_SLICES; i++) {
      baseline.opsPerNano();
      candidate.opsPerNano();
    }
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      boolean baselineFirst = i % 2 == 0; // neither map always runs right after a pause
      double first = (baselineFirst ? baseline : candidate).opsPerNano();
      double second = (baselineFirst ? candidate : baseline).opsPerNano();
      ratios[i] = baselineFirst ? first / second : second / first;
    }
    Arrays.sort(ratios);
    System.out.printf(
        "median time ratio %s / %s over %d pairs of 20 ms slices: %.2f (quartiles %.2f, %.2f);"
            + " misses %.3f / %.3f%n",
        candidateKind,
        baselineKind,
        pairs,
        ratios[pairs / 2],
        ratios[pairs / 4],
        ratios[3 * pairs / 4],
        candidate.missRate(),
        baseline.missRate());
  }

  /**
   * The benchmark's get-or-put, run for one slice at a time. Written out here rather than calling a
   * shared static get-or-put of {@link MapBenchmark}: that extra call level changed the JIT's
   * inlining and moved the median ratio from 1.03 to between 1.05 and 1.14 in the same hour.
   */
  private static final class GetOrPutLoop {
    private final Map<Integer, Integer> cache;
    private final Integer[] keys;
    private final boolean emergency;
    private int next = new Random(7).nextInt(Keys.COUNT);
    private long operations;
    private long misses;

    @SuppressWarnings("unused")
    private long sink; // a field the loop writes, so the JIT keeps the work

    /**
     * A kind ending in {@code -emergency} runs its slices under a memory emergency at 50% (as its
     * map expects, {@link MapBenchmark#create}), the other kind's slices without one: the emergency
     * is JVM-wide, so it is switched at each slice.
     */
    GetOrPutLoop(Map<Integer, Integer> cache, Integer[] keys, String kind) {
      this.cache = cache;
      this.keys = keys;
      this.emergency = kind.endsWith("-emergency");
    }

    double opsPerNano() {
      if (emergency) {
        MemoryPressure.enterEmergency(50, TimeUnit.HOURS.toNanos(1));
      } else {
        MemoryPressure.endEmergency();
      }
      long start = System.nanoTime();
      long deadline = start + SLICE_NANOS;
      long done = 0;
      do {
        for (int i = 0; i < 4096; i++) {
          Integer key = keys[next++ & Keys.MASK];
          Integer value = cache.get(key);
          if (value == null) {
            cache.put(key, key);
            misses++;
            value = key;
          }
          sink += value;
        }
        done += 4096;
      } while (System.nanoTime() < deadline);
      operations += done;
      return done / (double) (System.nanoTime() - start);
    }

    double missRate() {
      return misses / (double) operations;
    }
  }
}
