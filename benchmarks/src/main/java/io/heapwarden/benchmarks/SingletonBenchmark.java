package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.singletons.Creation;
import io.heapwarden.bootstrap.singletons.SingletonHooks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a rewritten {@code new Model(name)} costs once its instance exists (the steady state: every
 * call a reuse), against the two alternatives a developer has: reading an instance cached in a
 * field by hand, and the original construction of a small object (a lower bound: the classes worth
 * a rule take milliseconds to build).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SingletonBenchmark -t 1
 * </pre>
 *
 * The rewritten call site is written out by hand here, instruction for instruction what the agent's
 * synthetic method for a {@code key: arguments} (or {@code key: class}) rule does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SingletonBenchmark {
  /** The ruled class: small, so that its construction is as cheap as a construction gets. */
  public static final class Model {
    final String name;
    final float[] weights;

    Model(String name) {
      this.name = name;
      this.weights = new float[8];
    }
  }

  private static final String SHAPE = "(Ljava/lang/String;)V";

  public String name;
  private Model cached;

  @Setup
  public void setUp() {
    RuleTable.install(List.of(new Rule(0, "benchmark.Model", RuleKind.SINGLETON, Rule.noLimits())));
    name = "mini-embed-v1";
    cached = new Model(name);
    rewrittenSite();
    rewrittenSiteTwoArguments();
    rewrittenSiteClassKey();
  }

  @TearDown
  public void tearDown() {
    RuleTable.install(List.of());
  }

  /**
   * The synthetic method of a key: arguments rule, as the rewriter generates it for a constructor
   * of one reference argument (several arguments go through an Object[] and {@code enter}).
   */
  private static @Nullable Model shared(String name) {
    Object found = SingletonHooks.enter1(0, 0, Model.class, SHAPE, name);
    if (!(found instanceof Creation)) {
      return (Model) found;
    }
    try {
      return (Model) SingletonHooks.created(found, new Model(name));
    } catch (Throwable t) {
      SingletonHooks.failed(found);
      throw t;
    }
  }

  /** The same for key: class: no argument array. */
  private static @Nullable Model sharedByClass(String name) {
    Object found = SingletonHooks.enter(0, SingletonHooks.CLASS_KEY, Model.class, SHAPE, null);
    if (!(found instanceof Creation)) {
      return (Model) found;
    }
    try {
      return (Model) SingletonHooks.created(found, new Model(name));
    } catch (Throwable t) {
      SingletonHooks.failed(found);
      throw t;
    }
  }

  @Benchmark
  public @Nullable Model rewrittenSite() {
    return shared(name);
  }

  /** Two arguments: an Object[] per call and a composite key. */
  @Benchmark
  public @Nullable Model rewrittenSiteTwoArguments() {
    return sharedTwo(name, 384);
  }

  private static final String SHAPE_TWO = "(Ljava/lang/String;I)V";

  private static @Nullable Model sharedTwo(String name, int dim) {
    Object found =
        SingletonHooks.enter(
            0, 0, Model.class, SHAPE_TWO, new Object[] {name, Integer.valueOf(dim)});
    if (!(found instanceof Creation)) {
      return (Model) found;
    }
    try {
      return (Model) SingletonHooks.created(found, new Model(name));
    } catch (Throwable t) {
      SingletonHooks.failed(found);
      throw t;
    }
  }

  @Benchmark
  public @Nullable Model rewrittenSiteClassKey() {
    return sharedByClass(name);
  }

  @Benchmark
  public Model cachedField() {
    return cached;
  }

  @Benchmark
  public Model originalConstruction() {
    return new Model(name);
  }
}
