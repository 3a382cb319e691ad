package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.SignalListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one path from agent actions to JFR, Micrometer and logs.
 *
 * <p>Incidents (start, reloads, rejected configs, failed rules and transforms) go to every sink at
 * once, on the reporting thread. Rule activity is never reported per operation: the hooks count on
 * the rules, and the {@code heapwarden-telemetry} thread ({@link TelemetryThread}) turns the counts
 * into one JFR event per rule and action and one log line per rule each {@code telemetry.interval}.
 * Micrometer reads the same counts when the service's registry is scraped ({@link
 * MicrometerBinding}); JFR starts late and keeps early incidents ({@link JfrOutput}).
 *
 * <p>Every public method is safe to call from any thread and never throws: a failing sink is
 * reported once and otherwise ignored, so telemetry can never become the service's failure.
 *
 * <p>Longer than most classes here (about 450 lines) because it is the one guarded entry point per
 * kind of incident: each is a few lines (build the incident, deliver, report a failure once), and
 * splitting them by feature would give every caller a second object to reach.
 */
public final class Telemetry implements SignalListener, AutoCloseable {
  /** What the transformer compares every loaded class with: one string equality check. */
  static final String MICROMETER_METRICS = "io/micrometer/core/instrument/Metrics";

  static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private final Setup setup;
  private final LogOutput log;
  private final AgentCounters counters = new AgentCounters();
  private final GuardedSink[] sinks;
  private final ActivityAggregator aggregator;
  private final Object tickLock = new Object();
  private final AtomicReference<TelemetrySettings> settings;
  private final TelemetryThread thread;
  private final JfrOutput jfr;
  private final MicrometerBinding micrometer;

  private Telemetry(@Nullable AgentConfig config, Setup setup) {
    this.setup = setup;
    this.log = setup.log != null ? setup.log : AgentLog.output();
    this.settings = new AtomicReference<>(sanitize(config == null ? null : config.telemetry()));
    List<GuardedSink> all = new ArrayList<>();
    all.add(new GuardedSink("counters", counters, log));
    all.add(new GuardedSink("log", new LogSink(log), log));
    for (TelemetrySink extra : setup.extraSinks) {
      all.add(new GuardedSink(extra.getClass().getName(), extra, log));
    }
    this.sinks = all.toArray(new GuardedSink[0]);
    this.aggregator = new ActivityAggregator(now());
    Runnable tick =
        new Runnable() {
          @Override
          public void run() {
            tick();
          }
        };
    this.thread = new TelemetryThread(tick);
    this.jfr =
        new JfrOutput(log, settings, thread, tick, setup.jfr, setup.jfrModule, setup.earlyWindow);
    this.micrometer =
        new MicrometerBinding(log, settings, thread, setup.rules, counters, setup.bindDelay);
  }

  /** Cheap: safe on the premain thread (no JFR, JMX or JUL initialisation, no thread). */
  public static Telemetry create(@Nullable AgentConfig config) {
    return new Telemetry(config, new Setup());
  }

  /** For tests: the same, with the hooks of {@code setup}. */
  static Telemetry create(@Nullable AgentConfig config, Setup setup) {
    return new Telemetry(config, setup);
  }

  /**
   * Starts what can wait, on the caller's (background) thread: JFR event registration (with the
   * incidents reported so far), the periodic aggregator on the {@code heapwarden-telemetry} daemon
   * thread, and the Micrometer bridge for class loaders that already loaded Micrometer. Calls after
   * the first do nothing.
   */
  public void startBackground() {
    try {
      if (!thread.start(settings().interval())) {
        return;
      }
      jfr.start();
      micrometer.schedule();
    } catch (Throwable failure) {
      log.log(
          LogLevel.WARN,
          "telemetry failed to start",
          "telemetry failed to start; rules stay in force",
          failure);
    }
  }

  /**
   * Applies a reloaded config's telemetry settings: the interval, and the JFR and Micrometer
   * switches.
   */
  public void reconfigure(@Nullable AgentConfig config) {
    try {
      if (config == null || config.telemetry() == null) {
        return;
      }
      TelemetrySettings next = sanitize(config.telemetry());
      TelemetrySettings before = settings.getAndSet(next);
      if (!next.interval().equals(before.interval())) {
        thread.reschedule(next.interval());
      }
      if (before.jfr() && !next.jfr()) {
        log.log(
            LogLevel.INFO, "JFR events are off", "JFR events are off (telemetry.jfr: false)", null);
      } else if (!before.jfr() && next.jfr() && thread.started()) {
        thread.schedule(
            new Runnable() {
              @Override
              public void run() {
                jfr.start();
              }
            },
            Duration.ZERO);
      }
      if (!before.micrometer() && next.micrometer()) {
        micrometer.schedule();
      }
    } catch (Throwable failure) {
      failed("reconfigure", failure);
    }
  }

  public void agentStarted(Duration startup, int rules, String configSource) {
    try {
      deliver(new Incident.AgentStarted(startup, rules, configSource));
    } catch (Throwable failure) {
      failed("agentStarted", failure);
    }
  }

  public void configReloaded(String source, List<String> changes) {
    try {
      deliver(new Incident.ConfigReloaded(source, changes));
    } catch (Throwable failure) {
      failed("configReloaded", failure);
    }
  }

  public void configRejected(String source, List<ConfigProblem> problems) {
    try {
      deliver(Incident.ConfigRejected.of(source, problems));
    } catch (Throwable failure) {
      failed("configRejected", failure);
    }
  }

  public void restartNeeded(String source, List<String> changes) {
    try {
      deliver(new Incident.RestartNeeded(source, changes));
    } catch (Throwable failure) {
      failed("restartNeeded", failure);
    }
  }

  @Override
  public void ruleFailed(Rule rule, Throwable failure) {
    try {
      deliver(new Incident.RuleFailed(rule, failure));
    } catch (Throwable alsoFailed) {
      failed("ruleFailed", alsoFailed);
    }
  }

  /** A value stored in a ruled field cannot be bounded (signalled once per rule and class). */
  @Override
  public void notBounded(Rule rule, String valueClass, String reason) {
    notBounded(rule.name(), valueClass, reason);
  }

  /** A ruled field, or a value stored in it, is of a type that cannot be bounded. */
  public void notBounded(String rule, String type, String reason) {
    try {
      deliver(new Incident.NotBounded(rule, type, reason));
    } catch (Throwable alsoFailed) {
      failed("notBounded", alsoFailed);
    }
  }

  /** A rule does nothing: its class lacks what it names (see {@link Incident.RuleUnresolved}). */
  public void ruleUnresolved(String rule, String location, String problem, @Nullable String hint) {
    try {
      deliver(new Incident.RuleUnresolved(rule, location, problem, hint));
    } catch (Throwable alsoFailed) {
      failed("ruleUnresolved", alsoFailed);
    }
  }

  /** A rule's class has not loaded {@code after} the start. */
  public void ruleNotMatched(String rule, String location, String target, Duration after) {
    try {
      deliver(new Incident.RuleNotMatched(rule, location, target, after));
    } catch (Throwable alsoFailed) {
      failed("ruleNotMatched", alsoFailed);
    }
  }

  /**
   * Runs {@code task} once on the telemetry thread after {@code delay}, if telemetry has started
   * (the task must catch its own failures); a cheap one-off needs no thread of its own.
   */
  public void schedule(Runnable task, Duration delay) {
    thread.schedule(task, delay);
  }

  /** Discovery found a field that keeps growing; never throws. */
  public void growthSuspect(Incident.GrowthSuspect suspect) {
    try {
      deliver(suspect);
    } catch (Throwable failure) {
      failed("growthSuspect", failure);
    }
  }

  /** Delivers an incident of the memory pressure guard; never throws. */
  public void pressure(Incident incident) {
    try {
      deliver(incident);
    } catch (Throwable failure) {
      failed("pressure", failure);
    }
  }

  // singletons: and instances: rules

  @Override
  public void singletonCreated(Rule rule, String key, long nanos) {
    try {
      deliver(new Incident.SingletonCreated(rule, key, nanos));
    } catch (Throwable alsoFailed) {
      failed("singletonCreated", alsoFailed);
    }
  }

  @Override
  public void identityArguments(Rule rule, String argumentClass) {
    try {
      deliver(new Incident.IdentityArguments(rule, argumentClass));
    } catch (Throwable alsoFailed) {
      failed("identityArguments", alsoFailed);
    }
  }

  @Override
  public void closeIgnored(Rule rule, String instanceClass) {
    try {
      deliver(new Incident.CloseIgnored(rule, instanceClass));
    } catch (Throwable alsoFailed) {
      failed("closeIgnored", alsoFailed);
    }
  }

  @Override
  public void tooManyLive(Rule rule, long live, long limit, String instanceClass) {
    try {
      deliver(new Incident.TooManyLive(rule, live, limit, instanceClass));
    } catch (Throwable alsoFailed) {
      failed("tooManyLive", alsoFailed);
    }
  }

  /** {@code className} as the transformer has it, internal ({@code com/example/Foo}) or binary. */
  public void transformFailed(@Nullable String className, Throwable failure) {
    try {
      deliver(
          new Incident.TransformFailed(
              className == null ? null : className.replace('/', '.'), failure));
    } catch (Throwable alsoFailed) {
      failed("transformFailed", alsoFailed);
    }
  }

  /** The transformer saw a class load; cheap enough to call for every class. */
  public void classLoaded(String internalName, @Nullable ClassLoader loader) {
    if (MICROMETER_METRICS.equals(internalName)) {
      micrometer.loaded(loader); // the rare path: a class loader has just loaded Micrometer
    }
  }

  /** Stops the telemetry thread (tests; the agent itself runs until the JVM exits). */
  @Override
  public void close() {
    thread.close();
  }

  /** The agent-wide counts behind the agent meters. */
  public AgentCounters counters() {
    return counters;
  }

  /**
   * One aggregation tick: reads every rule's counters, hands non-zero deltas to the sinks, then
   * reports suppressed log lines. The telemetry thread calls this each interval, JFR at the end of
   * each chunk and a shutdown hook at exit; tests call it directly.
   */
  void tick() {
    synchronized (tickLock) { // the telemetry thread and JFR's chunk end may both tick
      try {
        ActivityReport report = aggregator.tick(rules(), now());
        if (report != null) {
          for (GuardedSink sink : sinks) {
            sink.activity(report);
          }
          jfr.activity(report);
        }
      } catch (Throwable failure) {
        failed("aggregator", failure);
      }
      log.reportSuppressed();
    }
  }

  /** Waits until the telemetry thread has run everything already due (tests only). */
  void awaitBackground() throws Exception {
    thread.awaitDue();
  }

  /** The settings in force (tests too): set at creation, only ever replaced. */
  TelemetrySettings settings() {
    return Objects.requireNonNull(settings.get());
  }

  /** Whether the JFR sink is running, for tests. */
  boolean jfrRunning() {
    return jfr.running();
  }

  /** Whether our meters are bound into {@code loader}'s Micrometer, for tests. */
  boolean micrometerBound(ClassLoader loader) {
    return micrometer.bound(loader);
  }

  private void deliver(Incident incident) {
    try {
      for (GuardedSink sink : sinks) {
        sink.incident(incident);
      }
      jfr.incident(incident);
    } catch (Throwable failure) {
      failed("incident", failure);
    }
  }

  private List<Rule> rules() {
    return setup.rules != null ? setup.rules.get() : RuleTable.all();
  }

  private long now() {
    return setup.nanoClock != null ? setup.nanoClock.getAsLong() : System.nanoTime();
  }

  /** Missing or nonsensical settings become the defaults; intervals below 100 ms become 100 ms. */
  static TelemetrySettings sanitize(@Nullable TelemetrySettings settings) {
    if (settings == null) {
      return TelemetrySettings.DEFAULTS;
    }
    Duration interval = settings.interval();
    if (interval == null || interval.isNegative() || interval.isZero()) {
      interval = TelemetrySettings.DEFAULTS.interval();
    } else if (interval.compareTo(MIN_INTERVAL) < 0) {
      interval = MIN_INTERVAL;
    }
    return new TelemetrySettings(
        interval,
        settings.jfr(),
        settings.micrometer(),
        settings.mbean(),
        settings.notMatchedAfter());
  }

  private void failed(String where, Throwable failure) {
    GuardedSink.telemetryFailed(log, where, failure);
  }

  /** Test hooks; every {@code null} means the production default. */
  static final class Setup {
    @Nullable Supplier<List<Rule>> rules;
    @Nullable LongSupplier nanoClock;
    @Nullable LogOutput log;
    @Nullable BooleanSupplier jfrModule;
    @Nullable JfrBackend jfr;
    @Nullable Duration earlyWindow;
    List<TelemetrySink> extraSinks = List.of();
    @Nullable Duration bindDelay;

    Setup rules(Supplier<List<Rule>> value) {
      rules = value;
      return this;
    }

    Setup clock(LongSupplier value) {
      nanoClock = value;
      return this;
    }

    Setup log(LogOutput value) {
      log = value;
      return this;
    }

    Setup jfrModule(BooleanSupplier value) {
      jfrModule = value;
      return this;
    }

    Setup jfr(JfrBackend value) {
      jfr = value;
      return this;
    }

    Setup earlyWindow(Duration value) {
      earlyWindow = value;
      return this;
    }

    Setup sinks(TelemetrySink... values) {
      extraSinks = List.of(values);
      return this;
    }

    Setup bindDelay(Duration value) {
      bindDelay = value;
      return this;
    }
  }
}
