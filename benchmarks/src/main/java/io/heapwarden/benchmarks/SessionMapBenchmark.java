package io.heapwarden.benchmarks;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.sessions.SessionMaps;
import java.util.HashMap;
import java.util.Map;
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
 * A session store's get-or-create at steady state, full and evicting (see {@link Keys}): each call
 * reads a session and creates it when absent, as a service does per request. The session maps (with
 * {@code max-sessions} and an idle timeout no session reaches) against the plain maps they replace.
 * The non-thread-safe maps run at 1 thread only:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SessionMapBenchmark -t 1
 * java -jar benchmarks/target/benchmarks.jar SessionMapBenchmark -t 2 -p map=chm,session-chm
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionMapBenchmark {
  @Param({"hashmap", "session-hashmap", "chm", "session-chm"})
  public String map;

  @Param("1000")
  public int maxSessions;

  private Map<Integer, Integer> sessions;
  private Integer[] keys;

  @Setup
  public void setUp() {
    sessions = create(map, maxSessions);
    keys = Keys.uniform(maxSessions, 42);
    for (Integer key : keys) {
      getOrCreate(key);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<Integer, Integer> create(String kind, int maxSessions) {
    switch (kind) {
      case "hashmap":
        return new HashMap<>(); // unbounded: the cost of no eviction at all
      case "session-hashmap":
        return (Map<Integer, Integer>) SessionMaps.boundOrKeep(new HashMap<>(), rule(maxSessions));
      case "chm":
        return new ConcurrentHashMap<>();
      case "session-chm":
        return (Map<Integer, Integer>)
            SessionMaps.boundOrKeep(new ConcurrentHashMap<>(), rule(maxSessions));
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  /** A session rule as the agent would install it: a cap, and an hour's idle timeout. */
  private static Rule rule(int maxSessions) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = maxSessions;
    limits[Limit.IDLE_TIMEOUT.ordinal()] = TimeUnit.HOURS.toNanos(1);
    return new Rule(0, "benchmark", RuleKind.SESSION, limits);
  }

  private Integer getOrCreate(Integer key) {
    Integer session = sessions.get(key);
    if (session == null) {
      sessions.put(key, key);
      return key;
    }
    return session;
  }

  @Benchmark
  public Integer getOrCreate(ThreadIndex thread) {
    return getOrCreate(keys[thread.next() & Keys.MASK]);
  }
}
