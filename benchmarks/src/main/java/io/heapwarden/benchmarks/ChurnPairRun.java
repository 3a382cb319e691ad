package io.heapwarden.benchmarks;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * {@link ChurnBenchmark}'s plain and bounded copies in one JVM, in alternating slices of 20 ms: the
 * time ratio of each pair of slices, and the median over all pairs, as {@link MapPairRun} does for
 * the maps. On a machine shared with other work, separate JMH forks of the two disagree by several
 * times from one minute to the next; a pair of adjacent slices meets the same conditions.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.heapwarden.benchmarks.ChurnPairRun arraylist 400
 * java -cp benchmarks/target/benchmarks.jar io.heapwarden.benchmarks.ChurnPairRun hashmap-lru 400
 * </pre>
 */
public final class ChurnPairRun {
  private static final long SLICE_NANOS = 20_000_000L;
  private static final int WARM_UP_SLICES = 100;

  private ChurnPairRun() {}

  public static void main(String[] args) {
    String collection = args.length > 0 ? args[0] : "arraylist";
    int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Loop plain = new Loop(churn("plain", collection));
    Loop bounded = new Loop(churn("bounded", collection));
    for (int i = 0; i < WARM_UP_SLICES; i++) {
      plain.opsPerNano();
      bounded.opsPerNano();
    }
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      boolean plainFirst = i % 2 == 0; // neither runs always right after a pause
      double first = (plainFirst ? plain : bounded).opsPerNano();
      double second = (plainFirst ? bounded : plain).opsPerNano();
      ratios[i] = plainFirst ? first / second : second / first;
    }
    Arrays.sort(ratios);
    System.out.printf(
        "median time ratio bounded / plain copy (%s) over %d pairs of 20 ms slices: %.2f"
            + " (quartiles %.2f, %.2f); %.1f and %.1f ns per object%n",
        collection,
        pairs,
        ratios[pairs / 2],
        ratios[pairs / 4],
        ratios[3 * pairs / 4],
        bounded.nanosPerOp(),
        plain.nanosPerOp());
  }

  private static ChurnBenchmark churn(String copy, String collection) {
    ChurnBenchmark benchmark = new ChurnBenchmark();
    benchmark.copy = copy;
    benchmark.collection = collection;
    benchmark.setUp(); // both install the same rule, id 0
    return benchmark;
  }

  /** The benchmark's operation, run for one slice at a time. */
  private static final class Loop {
    private final ChurnBenchmark benchmark;

    // Written by the loop and never read: so each object escapes and is allocated.
    @SuppressWarnings("UnusedVariable")
    private @Nullable Object last;

    private long operations;
    private long nanos;

    Loop(ChurnBenchmark benchmark) {
      this.benchmark = benchmark;
    }

    double opsPerNano() {
      long start = System.nanoTime();
      long deadline = start + SLICE_NANOS;
      long done = 0;
      do {
        for (int i = 0; i < 1024; i++) {
          last = benchmark.churn();
        }
        done += 1024;
      } while (System.nanoTime() < deadline);
      long elapsed = System.nanoTime() - start;
      operations += done;
      nanos += elapsed;
      return done / (double) elapsed;
    }

    double nanosPerOp() {
      return nanos / (double) operations;
    }
  }
}
