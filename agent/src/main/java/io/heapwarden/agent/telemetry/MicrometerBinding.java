package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.agent.telemetry.micrometer.MicrometerBridge;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Binds the agent's meters into each class loader's Micrometer as the loader shows up (its {@code
 * Metrics} class loads), on the telemetry thread. {@link MicrometerBridge} is loaded only then, and
 * only while {@code telemetry.micrometer} is on; the first failure turns the bridge off for good.
 */
final class MicrometerBinding {
  /** How long after a loader shows up its meters are bound. */
  static final Duration DEFAULT_BIND_DELAY = Duration.ofSeconds(1);

  private final LogOutput log;
  private final AtomicReference<TelemetrySettings> settings;
  private final TelemetryThread thread;
  private final @Nullable Supplier<List<Rule>> rules;
  private final AgentCounters counters;
  private final Duration bindDelay;

  /** Class loaders that loaded Micrometer's Metrics, and whether our meters are bound there. */
  private final Map<ClassLoader, Boolean> loaders = new WeakHashMap<>();

  private volatile @Nullable MicrometerBridge bridge;
  private volatile boolean broken;

  /**
   * @param rules the rules to expose; {@code null} for the rule table's
   * @param bindDelay {@code null} for {@link #DEFAULT_BIND_DELAY}
   */
  MicrometerBinding(
      LogOutput log,
      AtomicReference<TelemetrySettings> settings,
      TelemetryThread thread,
      @Nullable Supplier<List<Rule>> rules,
      AgentCounters counters,
      @Nullable Duration bindDelay) {
    this.log = log;
    this.settings = settings;
    this.thread = thread;
    this.rules = rules;
    this.counters = counters;
    this.bindDelay = bindDelay != null ? bindDelay : DEFAULT_BIND_DELAY;
  }

  /** The settings in force: {@link Telemetry} sets them first and only ever replaces them. */
  private TelemetrySettings settings() {
    return Objects.requireNonNull(settings.get());
  }

  /** A class loader has just loaded Micrometer's Metrics. */
  void loaded(@Nullable ClassLoader loader) {
    try {
      synchronized (loaders) {
        if (loaders.containsKey(loader)) {
          return; // a retransformation, or a second look at the same loader
        }
        loaders.put(loader, Boolean.FALSE);
      }
      schedule();
    } catch (Throwable failure) {
      GuardedSink.telemetryFailed(log, "micrometer", failure);
    }
  }

  /**
   * Binds our meters, on the telemetry thread and after a short delay (the Metrics class that
   * announced a loader is still being defined), into every seen loader not bound yet. Before the
   * thread starts this does nothing: the start calls it again.
   */
  void schedule() {
    if (!settings().micrometer() || broken) {
      return;
    }
    thread.schedule(
        new Runnable() {
          @Override
          public void run() {
            bind();
          }
        },
        bindDelay);
  }

  /** Whether our meters are bound into {@code loader}'s Micrometer. */
  boolean bound(ClassLoader loader) {
    synchronized (loaders) {
      return Boolean.TRUE.equals(loaders.get(loader));
    }
  }

  private void bind() {
    if (!settings().micrometer() || broken) {
      return;
    }
    List<ClassLoader> unbound = new ArrayList<>();
    synchronized (loaders) {
      for (Map.Entry<ClassLoader, Boolean> entry : loaders.entrySet()) {
        if (!entry.getValue()) {
          unbound.add(entry.getKey());
        }
      }
    }
    for (ClassLoader loader : unbound) {
      try {
        int meters = bridge().bind(loader);
        synchronized (loaders) {
          loaders.put(loader, Boolean.TRUE);
        }
        log.log(
            LogLevel.DEBUG,
            "registered meters in Micrometer",
            "registered " + meters + " meters in Micrometer's global registry of " + loader,
            null);
      } catch (Throwable failure) {
        broken = true;
        Throwable cause =
            failure instanceof InvocationTargetException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        log.log(
            LogLevel.WARN,
            "Micrometer bridge off",
            "Micrometer meters are off: could not register them in the service's Micrometer ("
                + cause
                + ")",
            null);
        return;
      }
    }
  }

  private MicrometerBridge bridge() {
    MicrometerBridge current = bridge;
    if (current == null) {
      current = new MicrometerBridge(rules != null ? rules : ruleTable(), counters);
      bridge = current;
    }
    return current;
  }

  private static Supplier<List<Rule>> ruleTable() {
    return new Supplier<List<Rule>>() {
      @Override
      public List<Rule> get() {
        return RuleTable.all();
      }
    };
  }
}
