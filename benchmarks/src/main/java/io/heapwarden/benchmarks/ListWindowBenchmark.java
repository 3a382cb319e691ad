package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.collections.BoundedSequences;
import java.util.ArrayList;
import java.util.List;
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
 * Appending to a history that keeps the newest {@code window} entries, at steady state (full): the
 * bounded ArrayList, the by-hand {@code remove(0)}, and an unbounded ArrayList cleared when it
 * reaches twice the window (the cost of appending with no eviction).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ListWindowBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ListWindowBenchmark {
  @Param({"arraylist", "by-hand-window", "bounded-arraylist"})
  public String list;

  @Param({"20", "1000"})
  public int window;

  private List<Integer> history;
  private Integer next = 0;

  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    history =
        list.equals("bounded-arraylist")
            ? (List<Integer>) // ArrayList is supported: never null
                Objects.requireNonNull(
                    BoundedSequences.copyOf(new ArrayList<>(), Rules.maxEntries(window), false))
            : new ArrayList<>();
    for (int i = 0; i < window; i++) {
      append(i);
    }
  }

  private void append(Integer value) {
    switch (list) {
      case "arraylist":
        if (history.size() >= 2 * window) {
          history.clear();
        }
        history.add(value);
        break;
      case "by-hand-window":
        if (history.size() >= window) {
          history.remove(0);
        }
        history.add(value);
        break;
      default:
        history.add(value);
    }
  }

  @Benchmark
  public int add() {
    append(next);
    return history.size();
  }
}
