package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.CollectionHooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Short-lived objects with a ruled collection field, as a request-scoped object would have: each
 * operation creates an object whose constructor stores a new collection in its field, adds one
 * entry and drops the object. {@code copy=bounded} stores what the agent's rewritten {@code
 * putfield} stores ({@code CollectionHooks.onFieldWrite} with an installed rule, {@code
 * max-entries: 10}); {@code copy=plain} stores a plain copy ({@code new ArrayList<>(original)}),
 * the least a field rule must do. Millions of such objects per second of measurement, so any cost
 * that grows with the number of collections alive or awaiting collection shows here.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ChurnBenchmark -f 1 -wi 3 -i 5 -r 1s -w 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChurnBenchmark {
  private static final int RULE_ID = 0;

  @Param({"plain", "bounded"})
  public String copy;

  @Param({"arraylist", "hashmap-lru"})
  public String collection;

  private boolean bounded;
  private boolean lru;
  private Integer entry = 7;

  @Setup
  public void setUp() {
    Rule rule = Rules.maxEntries(10);
    RuleTable.install(List.of(rule)); // the benchmark's rule has id 0, as the first rule would
    bounded = copy.equals("bounded");
    lru = collection.endsWith("-lru");
  }

  @TearDown
  public void tearDown() {
    RuleTable.install(List.of());
  }

  @Benchmark
  public Object churn() {
    if (lru) {
      WithMap holder = new WithMap(this, new HashMap<>());
      holder.entries.put(entry, entry);
      return holder;
    }
    WithList holder = new WithList(this, new ArrayList<>());
    holder.entries.add(entry);
    return holder;
  }

  /** What the field store of a rewritten constructor stores. */
  @SuppressWarnings("unchecked")
  private <T> T boundedCopy(T original) {
    return (T) CollectionHooks.onFieldWrite(original, RULE_ID, lru);
  }

  /** A short-lived object whose constructor stores a list in a ruled field. */
  static final class WithList {
    final List<Integer> entries;

    WithList(ChurnBenchmark benchmark, List<Integer> original) {
      entries = benchmark.bounded ? benchmark.boundedCopy(original) : new ArrayList<>(original);
    }
  }

  /** A short-lived object whose constructor stores a map in a ruled field. */
  static final class WithMap {
    final Map<Integer, Integer> entries;

    WithMap(ChurnBenchmark benchmark, Map<Integer, Integer> original) {
      entries = benchmark.bounded ? benchmark.boundedCopy(original) : new HashMap<>(original);
    }
  }
}
