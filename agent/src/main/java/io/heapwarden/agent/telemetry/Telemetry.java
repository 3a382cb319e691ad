package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.agent.telemetry.jfr.JfrSupport;
import io.heapwarden.agent.telemetry.micrometer.MicrometerBridge;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.SignalListener;
import io.heapwarden.bootstrap.threads.AgentThreads;
import io.heapwarden.bootstrap.threads.PoolThreads;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one path from agent actions to JFR, Micrometer and logs.
 *
 * <p>Incidents (start, reloads, rejected configs, failed rules and transforms) go to every sink at
 * once, on the reporting thread. Rule activity is never reported per operation: the hooks count on
 * the rules, and the {@code heapwarden-telemetry} thread turns the counts into one JFR event per
 * rule and action and one log line per rule each {@code telemetry.interval}. Micrometer reads the
 * same counts when the service's registry is scraped.
 *
 * <p>Every public method is safe to call from any thread and never throws: a failing sink is
 * reported once and otherwise ignored, so telemetry can never become the service's failure.
 */
public final class Telemetry implements SignalListener, AutoCloseable {
  /** What the transformer compares every loaded class with: one string equality check. */
  static final String MICROMETER_METRICS = "io/micrometer/core/instrument/Metrics";

  /**
   * Incidents kept for JFR until the first recording runs: {@code -XX:StartFlightRecording} starts
   * its recording only after premain, so even {@code AgentStarted} would otherwise be lost.
   */
  static final int EARLY_INCIDENTS = 64;

  /** How long after {@link #startBackground()} early incidents wait for a first recording. */
  static final Duration EARLY_WINDOW = Duration.ofMinutes(1);

  static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  static final Duration DEFAULT_BIND_DELAY = Duration.ofSeconds(1);

  private final Setup setup;
  private final LogOutput log;
  private final AgentCounters counters = new AgentCounters();
  private final Guarded[] sinks;
  private final ActivityAggregator aggregator;
  private volatile TelemetrySettings settings;

  private final Object jfrLock = new Object();
  private final Object tickLock = new Object();

  /** Written under jfrLock; null once the first recording ran, the window passed, or JFR is off. */
  private volatile List<Incident> early = new ArrayList<>();

  private int earlyDropped; // guarded by jfrLock
  private volatile Guarded jfr;
  private volatile boolean jfrUnavailable;

  private final Object lifecycle = new Object();
  private ScheduledExecutorService executor; // guarded by lifecycle
  private Thread finalTick; // guarded by lifecycle
  private ScheduledFuture<?> ticks; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle

  /** Class loaders that loaded Micrometer's Metrics, and whether our meters are bound there. */
  private final Map<ClassLoader, Boolean> micrometerLoaders = new WeakHashMap<>();

  private volatile MicrometerBridge bridge;
  private volatile boolean bridgeBroken;

  private Telemetry(AgentConfig config, Setup setup) {
    this.setup = setup;
    this.log = setup.log != null ? setup.log : AgentLog.output();
    this.settings = sanitize(config == null ? null : config.telemetry());
    List<Guarded> all = new ArrayList<>();
    all.add(new Guarded("counters", counters));
    all.add(new Guarded("log", new LogSink(log)));
    for (TelemetrySink extra : setup.extraSinks) {
      all.add(new Guarded(extra.getClass().getName(), extra));
    }
    this.sinks = all.toArray(new Guarded[0]);
    this.aggregator = new ActivityAggregator(now());
  }

  /** Cheap: safe on the premain thread (no JFR, JMX or JUL initialisation, no thread). */
  public static Telemetry create(AgentConfig config) {
    return new Telemetry(config, new Setup());
  }

  /** For tests: the same, with the hooks of {@code setup}. */
  static Telemetry create(AgentConfig config, Setup setup) {
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
      synchronized (lifecycle) {
        if (executor != null || closed) {
          return;
        }
        executor = newExecutor();
        scheduleTicks();
        finalTick = finalTickAtExit();
      }
      startJfr();
      scheduleMicrometerBinding();
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
  public void reconfigure(AgentConfig config) {
    try {
      if (config == null || config.telemetry() == null) {
        return;
      }
      TelemetrySettings before = settings;
      TelemetrySettings next = sanitize(config.telemetry());
      settings = next;
      ScheduledExecutorService background;
      synchronized (lifecycle) {
        background = executor;
        if (background != null && !next.interval().equals(before.interval())) {
          scheduleTicks();
        }
      }
      if (before.jfr() && !next.jfr()) {
        log.log(
            LogLevel.INFO, "JFR events are off", "JFR events are off (telemetry.jfr: false)", null);
      } else if (!before.jfr() && next.jfr() && background != null) {
        background.execute(
            new Runnable() {
              @Override
              public void run() {
                startJfr();
              }
            });
      }
      if (!before.micrometer() && next.micrometer()) {
        scheduleMicrometerBinding();
      }
    } catch (Throwable failure) {
      sinkFailed("reconfigure", failure);
    }
  }

  public void agentStarted(Duration startup, int rules, String configSource) {
    try {
      deliver(new Incident.AgentStarted(startup, rules, configSource));
    } catch (Throwable failure) {
      sinkFailed("agentStarted", failure);
    }
  }

  public void configReloaded(String source, List<String> changes) {
    try {
      deliver(new Incident.ConfigReloaded(source, changes));
    } catch (Throwable failure) {
      sinkFailed("configReloaded", failure);
    }
  }

  public void configRejected(String source, List<ConfigProblem> problems) {
    try {
      deliver(Incident.ConfigRejected.of(source, problems));
    } catch (Throwable failure) {
      sinkFailed("configRejected", failure);
    }
  }

  public void restartNeeded(String source, List<String> changes) {
    try {
      deliver(new Incident.RestartNeeded(source, changes));
    } catch (Throwable failure) {
      sinkFailed("restartNeeded", failure);
    }
  }

  @Override
  public void ruleFailed(Rule rule, Throwable failure) {
    try {
      deliver(new Incident.RuleFailed(rule, failure));
    } catch (Throwable alsoFailed) {
      sinkFailed("ruleFailed", alsoFailed);
    }
  }

  /** {@code className} as the transformer has it, internal ({@code com/example/Foo}) or binary. */
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
      sinkFailed("notBounded", alsoFailed);
    }
  }

  // ---- memory pressure guard ----

  /** Delivers an incident of the memory pressure guard; never throws. */
  public void pressure(Incident incident) {
    try {
      deliver(incident);
    } catch (Throwable failure) {
      sinkFailed("pressure", failure);
    }
  }

  // --- singletons: and instances: rules
  // -----------------------------------------------------------

  @Override
  public void singletonCreated(Rule rule, String key, long nanos) {
    try {
      deliver(new Incident.SingletonCreated(rule, key, nanos));
    } catch (Throwable alsoFailed) {
      sinkFailed("singletonCreated", alsoFailed);
    }
  }

  @Override
  public void identityArguments(Rule rule, String argumentClass) {
    try {
      deliver(new Incident.IdentityArguments(rule, argumentClass));
    } catch (Throwable alsoFailed) {
      sinkFailed("identityArguments", alsoFailed);
    }
  }

  @Override
  public void closeIgnored(Rule rule, String instanceClass) {
    try {
      deliver(new Incident.CloseIgnored(rule, instanceClass));
    } catch (Throwable alsoFailed) {
      sinkFailed("closeIgnored", alsoFailed);
    }
  }

  @Override
  public void tooManyLive(Rule rule, long live, long limit, String instanceClass) {
    try {
      deliver(new Incident.TooManyLive(rule, live, limit, instanceClass));
    } catch (Throwable alsoFailed) {
      sinkFailed("tooManyLive", alsoFailed);
    }
  }

  // --- end of singletons: and instances: rules
  // ----------------------------------------------------

  public void transformFailed(String className, Throwable failure) {
    try {
      deliver(
          new Incident.TransformFailed(
              className == null ? null : className.replace('/', '.'), failure));
    } catch (Throwable alsoFailed) {
      sinkFailed("transformFailed", alsoFailed);
    }
  }

  /** The transformer saw a class load; cheap enough to call for every class. */
  public void classLoaded(String internalName, ClassLoader loader) {
    if (MICROMETER_METRICS.equals(internalName)) {
      micrometerLoaded(loader);
    }
  }

  /** Stops the telemetry thread (tests; the agent itself runs until the JVM exits). */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
      if (finalTick != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(finalTick);
        } catch (IllegalStateException exiting) {
          // the JVM is already exiting: the hook runs anyway
        }
      }
    }
  }

  /** The agent-wide counts behind the agent meters. */
  public AgentCounters counters() {
    return counters;
  }

  /**
   * Reports the interval in progress when the JVM exits, so the log and meters hold everything the
   * agent did even in a run shorter than one interval (JFR gets it at the end of its last chunk,
   * see {@link JfrBackend#start}).
   */
  private Thread finalTickAtExit() {
    Thread hook =
        AgentThreads.newThread(
            "heapwarden-final-tick",
            new Runnable() {
              @Override
              public void run() {
                tick();
              }
            });
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return hook;
    } catch (IllegalStateException exiting) {
      return null; // a service that ends before telemetry starts: nothing left to report at exit
    }
  }

  /**
   * One aggregation tick: reads every rule's counters, hands non-zero deltas to the sinks, then
   * reports suppressed log lines. The telemetry thread calls this each interval; tests call it
   * directly.
   */
  void tick() {
    synchronized (tickLock) { // the telemetry thread and JFR's chunk end may both tick
      tickOnce();
    }
  }

  private void tickOnce() {
    try {
      ActivityReport report = aggregator.tick(rules(), now());
      if (report != null) {
        for (Guarded sink : sinks) {
          sink.activity(report);
        }
        Guarded jfrSink = jfr;
        if (jfrSink != null && settings.jfr()) {
          jfrSink.activity(report);
        }
      }
    } catch (Throwable failure) {
      sinkFailed("aggregator", failure);
    }
    log.reportSuppressed();
  }

  /**
   * Waits until the telemetry thread has run everything already due (tests only): immediate and
   * zero-delay tasks run in submission order on the one thread.
   */
  void awaitBackground() throws Exception {
    ScheduledExecutorService background;
    synchronized (lifecycle) {
      background = executor;
    }
    if (background != null) {
      background
          .schedule(
              new Runnable() {
                @Override
                public void run() {}
              },
              0,
              TimeUnit.NANOSECONDS)
          .get(10, TimeUnit.SECONDS);
    }
  }

  /** The settings in force, for tests. */
  TelemetrySettings settings() {
    return settings;
  }

  /** Whether the JFR sink is running, for tests. */
  boolean jfrRunning() {
    return jfr != null && settings.jfr();
  }

  /** Whether our meters are bound into {@code loader}'s Micrometer, for tests. */
  boolean micrometerBound(ClassLoader loader) {
    synchronized (micrometerLoaders) {
      return Boolean.TRUE.equals(micrometerLoaders.get(loader));
    }
  }

  private void deliver(Incident incident) {
    try {
      for (Guarded sink : sinks) {
        sink.incident(incident);
      }
      if (early != null) {
        synchronized (jfrLock) {
          if (early != null) {
            if (settings.jfr()) {
              if (early.size() < EARLY_INCIDENTS) {
                early.add(incident);
              } else {
                earlyDropped++;
              }
            }
            return; // replayed when the first recording runs
          }
        }
      }
      Guarded jfrSink = jfr;
      if (jfrSink != null && settings.jfr()) {
        jfrSink.incident(incident);
      }
    } catch (Throwable failure) {
      sinkFailed("incident", failure);
    }
  }

  /**
   * Starts the JFR sink if the config wants it and the runtime has it. Incidents reported so far
   * are replayed at once if a recording is running, else when the first one starts (within {@link
   * #EARLY_WINDOW}). Logs one INFO line when JFR events are off.
   */
  private void startJfr() {
    if (jfr != null) {
      return;
    }
    String off = null;
    if (!settings.jfr()) {
      off = "telemetry.jfr: false";
    } else if (jfrUnavailable) {
      return;
    } else if (!jfrModulePresent()) {
      jfrUnavailable = true;
      off = "this Java runtime has no jdk.jfr module";
    } else {
      try {
        JfrBackend backend = setup.jfr != null ? setup.jfr : new JfrSupport();
        TelemetrySink sink =
            backend.start(
                new Runnable() {
                  @Override
                  public void run() {
                    tick(); // the interval in progress, into the chunk JFR is about to write
                  }
                });
        if (sink == null) {
          jfrUnavailable = true;
          off = "this JVM has no Flight Recorder";
        } else {
          jfr = new Guarded("JFR", sink);
          awaitFirstRecording(backend);
        }
      } catch (Throwable failure) {
        jfrUnavailable = true;
        jfr = null;
        discardEarly();
        log.log(
            LogLevel.WARN,
            "JFR events are off: Flight Recorder failed to start",
            "JFR events are off: Flight Recorder failed to start",
            failure);
        return;
      }
    }
    if (off != null) {
      discardEarly();
      log.log(LogLevel.INFO, "JFR events are off", "JFR events are off (" + off + ")", null);
    }
  }

  private void awaitFirstRecording(JfrBackend backend) {
    if (early == null) {
      return;
    }
    Runnable replay =
        new Runnable() {
          @Override
          public void run() {
            replayEarly();
          }
        };
    backend.onRecordingStarted(
        new Runnable() {
          @Override
          public void run() {
            if (early != null) {
              background(replay, Duration.ZERO); // off JFR's thread, after it started
            }
          }
        });
    if (backend.recording()) {
      replayEarly();
      return;
    }
    background(
        new Runnable() {
          @Override
          public void run() {
            discardEarly();
          }
        },
        setup.earlyWindow != null ? setup.earlyWindow : EARLY_WINDOW);
  }

  /** Commits the incidents kept so far; from then on incidents are committed directly. */
  private void replayEarly() {
    int dropped;
    synchronized (jfrLock) {
      List<Incident> buffered = early;
      if (buffered == null) {
        return;
      }
      early = null;
      dropped = earlyDropped;
      Guarded jfrSink = jfr;
      if (jfrSink != null && settings.jfr()) {
        for (Incident incident : buffered) {
          jfrSink.incident(incident);
        }
      }
    }
    if (dropped > 0) {
      log.log(
          LogLevel.INFO,
          "incidents before the first JFR recording",
          dropped + " incidents reported before the first JFR recording started are not in it",
          null);
    }
  }

  private void discardEarly() {
    synchronized (jfrLock) {
      early = null;
    }
  }

  /** Runs {@code task} on the telemetry thread after {@code delay}, unless it is closed. */
  private void background(Runnable task, Duration delay) {
    synchronized (lifecycle) {
      if (executor != null && !closed) {
        executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  private boolean jfrModulePresent() {
    if (setup.jfrModule != null) {
      return setup.jfrModule.getAsBoolean();
    }
    return ModuleLayer.boot().findModule("jdk.jfr").isPresent();
  }

  /** The rare path of {@link #classLoaded}: a class loader has just loaded Micrometer. */
  private void micrometerLoaded(ClassLoader loader) {
    try {
      synchronized (micrometerLoaders) {
        if (micrometerLoaders.containsKey(loader)) {
          return; // a retransformation, or a second look at the same loader
        }
        micrometerLoaders.put(loader, Boolean.FALSE);
      }
      scheduleMicrometerBinding();
    } catch (Throwable failure) {
      sinkFailed("micrometer", failure);
    }
  }

  /**
   * Binds our meters, on the telemetry thread and after a short delay (the Metrics class that
   * announced a loader is still being defined), into every seen loader not bound yet. Before {@link
   * #startBackground()} there is no thread yet: it calls this again.
   */
  private void scheduleMicrometerBinding() {
    if (!settings.micrometer() || bridgeBroken) {
      return;
    }
    synchronized (lifecycle) {
      if (executor == null || closed) {
        return;
      }
      Duration delay = setup.bindDelay != null ? setup.bindDelay : DEFAULT_BIND_DELAY;
      executor.schedule(
          new Runnable() {
            @Override
            public void run() {
              bindMicrometer();
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  private void bindMicrometer() {
    if (!settings.micrometer() || bridgeBroken) {
      return;
    }
    List<ClassLoader> unbound = new ArrayList<>();
    synchronized (micrometerLoaders) {
      for (Map.Entry<ClassLoader, Boolean> entry : micrometerLoaders.entrySet()) {
        if (!entry.getValue()) {
          unbound.add(entry.getKey());
        }
      }
    }
    for (ClassLoader loader : unbound) {
      try {
        int meters = bridge().bind(loader);
        synchronized (micrometerLoaders) {
          micrometerLoaders.put(loader, Boolean.TRUE);
        }
        log.log(
            LogLevel.DEBUG,
            "registered meters in Micrometer",
            "registered " + meters + " meters in Micrometer's global registry of " + loader,
            null);
      } catch (Throwable failure) {
        bridgeBroken = true;
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
      current = new MicrometerBridge(ruleSource(), counters);
      bridge = current;
    }
    return current;
  }

  private Supplier<List<Rule>> ruleSource() {
    if (setup.rules != null) {
      return setup.rules;
    }
    return new Supplier<List<Rule>>() {
      @Override
      public List<Rule> get() {
        return RuleTable.all();
      }
    };
  }

  private List<Rule> rules() {
    return setup.rules != null ? setup.rules.get() : RuleTable.all();
  }

  private long now() {
    return setup.nanoClock != null ? setup.nanoClock.getAsLong() : System.nanoTime();
  }

  /** Holding {@link #lifecycle}: (re)schedules the tick at the interval in force. */
  private void scheduleTicks() {
    if (ticks != null) {
      ticks.cancel(false);
    }
    long interval = settings.interval().toNanos();
    ticks =
        executor.scheduleWithFixedDelay(
            new Runnable() {
              @Override
              public void run() {
                try {
                  tick();
                } catch (Throwable failure) {
                  AgentThreads.report(failure); // a periodic task that throws is never run again
                }
              }
            },
            interval,
            interval,
            TimeUnit.NANOSECONDS);
  }

  private static ScheduledExecutorService newExecutor() {
    PoolThreads threads = new PoolThreads("heapwarden-telemetry");
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
    threads.serve(executor);
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return executor;
  }

  /** Missing or nonsensical settings become the defaults; intervals below 100 ms become 100 ms. */
  static TelemetrySettings sanitize(TelemetrySettings settings) {
    if (settings == null) {
      return TelemetrySettings.DEFAULTS;
    }
    Duration interval = settings.interval();
    if (interval == null || interval.isNegative() || interval.isZero()) {
      interval = TelemetrySettings.DEFAULTS.interval();
    } else if (interval.compareTo(MIN_INTERVAL) < 0) {
      interval = MIN_INTERVAL;
    }
    return new TelemetrySettings(interval, settings.jfr(), settings.micrometer());
  }

  private void sinkFailed(String what, Throwable failure) {
    try {
      log.log(LogLevel.WARN, "telemetry failed", "telemetry failed in " + what, failure);
    } catch (Throwable ignored) {
      // nothing left to tell
    }
  }

  /** A sink behind a fence: its failure is logged once, then only swallowed. */
  private final class Guarded {
    private final String name;
    private final TelemetrySink sink;
    private final AtomicBoolean warned = new AtomicBoolean();

    Guarded(String name, TelemetrySink sink) {
      this.name = name;
      this.sink = sink;
    }

    void incident(Incident incident) {
      try {
        sink.incident(incident);
      } catch (Throwable failure) {
        failed(failure);
      }
    }

    void activity(ActivityReport report) {
      try {
        sink.activity(report);
      } catch (Throwable failure) {
        failed(failure);
      }
    }

    private void failed(Throwable failure) {
      if (warned.compareAndSet(false, true)) {
        log.log(
            LogLevel.WARN,
            "telemetry sink failed",
            "the " + name + " telemetry sink failed; its later failures are not logged",
            failure);
      }
    }
  }

  /** Test hooks; every {@code null} means the production default. */
  static final class Setup {
    Supplier<List<Rule>> rules;
    LongSupplier nanoClock;
    LogOutput log;
    BooleanSupplier jfrModule;
    JfrBackend jfr;
    Duration earlyWindow;
    List<TelemetrySink> extraSinks = List.of();
    Duration bindDelay;

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
