package io.heapwarden.agent;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.config.ConfigWatcher;
import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.agent.config.SettingChanges;
import io.heapwarden.agent.discover.Discovery;
import io.heapwarden.agent.instrument.LoadedClassRetransformer;
import io.heapwarden.agent.instrument.RuleMatches;
import io.heapwarden.agent.instrument.collections.PreAttachFields;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.pressure.Cleanup;
import io.heapwarden.agent.pressure.CleanupResult;
import io.heapwarden.agent.pressure.PressureGuard;
import io.heapwarden.agent.pressure.TelemetryPressureEvents;
import io.heapwarden.agent.resolve.NotMatchedReport;
import io.heapwarden.agent.resolve.RuleFeedback;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.rules.RuleInstaller;
import io.heapwarden.agent.status.AgentPresence;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.status.AgentVersion;
import io.heapwarden.agent.status.StatusMBean;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The running agent: the config in force, and what happens when the file changes. */
final class AgentRuntime {
  private final RuleInstaller rules;
  private final Telemetry telemetry;
  private final @Nullable LoadedClassRetransformer alreadyLoaded;
  private final @Nullable RuleFeedback feedback;
  private static final long CLEANUP_TIMEOUT_SECONDS = 60;
  private final long startNanos = System.nanoTime();
  private volatile AgentConfig config;
  private @Nullable PressureGuard pressure; // guarded by this
  private boolean backgroundStarted; // guarded by this
  private volatile @Nullable StatusMBean status; // made on the init thread, after a delay
  private @Nullable ConfigWatcher watcher; // guarded by this
  private boolean paused; // guarded by this: detached
  private final Instrumentation instrumentation;

  /**
   * @param alreadyLoaded after a dynamic attach, what sends the classes loaded before the agent
   *     through its transformer; null when started with {@code -javaagent}
   * @param feedback what reports rules that match nothing; null without rules
   */
  AgentRuntime(
      AgentConfig config,
      RuleInstaller rules,
      Telemetry telemetry,
      @Nullable LoadedClassRetransformer alreadyLoaded,
      @Nullable RuleFeedback feedback,
      Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
    this.config = config;
    this.rules = rules;
    this.telemetry = telemetry;
    this.alreadyLoaded = alreadyLoaded;
    this.feedback = feedback;
  }

  /** What the heapwarden-init thread runs (a named class: no lambda on the premain path). */
  Runnable backgroundStart(ConfigRequest request, Duration startup) {
    return new Runnable() {
      @Override
      public void run() {
        startBackground(request, startup);
      }
    };
  }

  /** Runs on the heapwarden-init thread, off the service's start-up path. */
  void startBackground(ConfigRequest request, Duration startup) {
    try {
      preparePressureGuard(); // the heap's pools first: a spike will not wait for telemetry
      telemetry.startBackground();
      if (config.discover().enabled()) {
        Discovery.startSampling(config.discover(), telemetry);
      }
      if (config.admin().enabled() || config.prometheus().enabled()) {
        startEndpoints();
      }
      telemetry.agentStarted(startup, rules.configuredRules(), config.source());
      scheduleNotMatchedReport();
      watch(request, config);
      startStatus(); // last: it waits
    } catch (Throwable failure) {
      AgentLog.get(AgentRuntime.class)
          .error("background start failed; rules stay in force without telemetry", failure);
    }
  }

  /** The admin and Prometheus ports, read at start (a reload's change waits for a restart). */
  private void startEndpoints() {
    try {
      EndpointsWiring.start(
          config,
          () -> config.source(),
          telemetry,
          new Callable<CleanupResult>() { // named in stack traces
            @Override
            public CleanupResult call() throws Exception {
              return cleanupNow();
            }
          });
    } catch (Throwable failure) {
      AgentLog.get(AgentRuntime.class)
          .error("the admin endpoints failed to start; the agent runs on without them", failure);
    }
  }

  /**
   * {@code POST /cleanup}: on the guard's thread when there is a guard; else here, holding this
   * runtime's lock, so that no guard starts (by a reload) in the middle of it.
   */
  private CleanupResult cleanupNow() throws Exception {
    PressureGuard guard;
    synchronized (this) {
      guard = pressure;
      if (guard == null) {
        BootClasses.ensure(BootSet.COLLECTIONS); // the trim reads the live collections
        return Cleanup.withoutGuard(
            config.pressure(), RuleTable.all(), new TelemetryPressureEvents(telemetry));
      }
    }
    return guard.requestCleanup().get(CLEANUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Registers the status MBean, if the config wants it, one telemetry interval after start (at most
   * {@link StatusMBean#MAX_DELAY}): creating the platform MBean server loads about 450 classes and
   * takes about 0.2 s of CPU, which must not compete with the service's own start-up.
   */
  private void startStatus() {
    try {
      Duration delay = config.telemetry().interval();
      Thread.sleep(Math.min(delay.toMillis(), StatusMBean.MAX_DELAY.toMillis()));
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt(); // nothing interrupts this thread; if so, no MBean
      return;
    }
    StatusMBean mbean =
        new StatusMBean(
            new AgentStatus(
                AgentVersion.read(), () -> config.source(), RuleTable::all, RuleMatches::matched));
    status = mbean;
    applyStatus();
  }

  /** Registers or removes the status MBean as the config in force says, once it exists. */
  private synchronized void applyStatus() {
    StatusMBean mbean = status;
    if (mbean != null) {
      mbean.apply(config.telemetry().mbean()); // read here: a reload may just have changed it
    }
  }

  /**
   * Once, {@code telemetry.not-matched-after} after the start, on the telemetry thread: the rules
   * whose class has not loaded. Read at start (a reload's value waits for a restart).
   */
  private void scheduleNotMatchedReport() {
    Duration after = config.telemetry().notMatchedAfter();
    if (feedback == null || after.isZero()) {
      return;
    }
    NotMatchedReport report =
        new NotMatchedReport(
            feedback,
            after,
            new LongSupplier() { // not a method reference: the class is named in stack traces
              @Override
              public long getAsLong() {
                return System.nanoTime();
              }
            },
            startNanos);
    telemetry.schedule(report, report.dueIn());
  }

  /** Off the premain thread: what the guard's nudge needs, found before it is needed. */
  private synchronized void preparePressureGuard() {
    backgroundStarted = true;
    if (pressure != null) {
      pressure.prepare();
    }
  }

  /**
   * After a dynamic attach: registers the ruled fields whose old collections are adopted on read,
   * then sends the classes loaded before the agent through its transformer, in batches. Returns the
   * one-line outcome the attaching command shows.
   */
  String retransformAlreadyLoaded() {
    LoadedClassRetransformer loaded = alreadyLoaded;
    if (loaded == null || rules.targets().isEmpty()) {
      return "attached; no rule, so no class to rewrite";
    }
    long started = System.nanoTime();
    Class<?>[] classes = instrumentation.getAllLoadedClasses();
    PreAttachFields.Registered adopted = registerAdoptedFields(classes);
    LoadedClassRetransformer.Outcome outcome = loaded.retransformLoaded(classes);
    long millis = (System.nanoTime() - started) / 1_000_000;
    String summary =
        String.format(
            Locale.ROOT,
            "attached: rewrote %d of %d already-loaded classes that mention a rule target in %d ms"
                + " (of %d loaded; %d batches, longest retransform call %.1f ms, all calls %.1f ms);"
                + " %d ruled fields bound what they held before on their next read",
            outcome.retransformed(),
            outcome.candidates(),
            millis,
            outcome.loaded(),
            outcome.batches(),
            outcome.longestCallNanos() / 1e6,
            outcome.totalCallNanos() / 1e6,
            adopted.fields());
    AgentLog.get(AgentRuntime.class).info("{}", summary);
    if (!adopted.notAdopted().isEmpty()) {
      AgentLog.get(AgentRuntime.class)
          .warn(
              "attached: what these fields held before the attach stays unbounded: {}",
              adopted.notAdopted());
    }
    if (!outcome.failed().isEmpty()) {
      AgentLog.get(AgentRuntime.class)
          .warn(
              "attached: the JVM refused to rewrite {} already-loaded classes; their code runs"
                  + " unchanged: {}",
              outcome.failed().size(),
              outcome.failed());
    }
    return summary;
  }

  private PreAttachFields.Registered registerAdoptedFields(Class<?>[] classes) {
    PreAttachFields fields = new PreAttachFields(rules.ruledFields());
    if (fields.isEmpty()) {
      return new PreAttachFields.Registered(0, List.of());
    }
    try {
      BootClasses.ensure(BootSet.ADOPTION); // before any class that calls it is rewritten
      return fields.register(classes);
    } catch (RuntimeException | LinkageError failure) {
      AgentLog.get(AgentRuntime.class)
          .warn("attached: collections stored before the attach stay unbounded", failure);
      return new PreAttachFields.Registered(0, List.of());
    }
  }

  /** A later attach: the config it names replaces the one in force, and the rules are on. */
  synchronized void attachedAgain(ConfigRequest request) {
    ConfigResult result = ConfigLoader.load(request);
    if (result instanceof ConfigResult.Invalid invalid) {
      String problem = invalid.problems().get(0).format();
      AgentLog.get(AgentRuntime.class)
          .error(
              "attached again with a configuration that is rejected; nothing changed: {}", problem);
      AgentPresence.publish(
          paused ? AgentPresence.DETACHED : AgentPresence.ACTIVE,
          "configuration rejected, nothing changed: " + problem);
      return;
    }
    AgentConfig next = ((ConfigResult.Valid) result).config();
    boolean wasDetached = paused;
    paused = false;
    for (Rule rule : RuleTable.all()) {
      rule.pause(false);
    }
    List<String> needRestart = reload(next);
    watch(request, next);
    String detail =
        "attached again: "
            + next.source()
            + " in force"
            + (wasDetached ? ", rules back on" : "")
            + (needRestart.isEmpty() ? "" : "; needs a restart: " + String.join("; ", needRestart));
    AgentLog.get(AgentRuntime.class).info("{}", detail);
    AgentPresence.publish(AgentPresence.ACTIVE, detail);
  }

  /**
   * {@code detach}: every rule off (new writes are stored as they are, bounded collections stop
   * evicting, singletons are no longer shared), the pressure guard asleep, the config file no
   * longer watched. The transformer stays: a JVM cannot unload an agent, and its hooks read the
   * rules' state.
   */
  synchronized void detach() {
    boolean already = paused;
    paused = true;
    List<Rule> all = RuleTable.all();
    for (Rule rule : all) {
      rule.pause(true);
    }
    stopWatching();
    PressureGuard guard = pressure;
    if (guard != null) {
      guard.reconfigure(PressureSettings.OFF);
    }
    String detail =
        (already ? "already detached: " : "detached: ")
            + all.size()
            + " rules off; bounded collections no longer evict; attach again to turn them on";
    AgentLog.get(AgentRuntime.class).info("{}", detail);
    AgentPresence.publish(AgentPresence.DETACHED, detail);
  }

  /** Watches the request's file, if the config wants it, instead of the one watched before. */
  private synchronized void watch(ConfigRequest request, AgentConfig current) {
    stopWatching();
    if (request.file() != null && current.reload().watch()) {
      watcher =
          ConfigWatcher.watch(request, current.reload().interval(), this::reload, this::rejected);
    }
  }

  private synchronized void stopWatching() {
    ConfigWatcher running = watcher;
    if (running != null) {
      running.close();
      watcher = null;
    }
  }

  /**
   * The memory pressure guard, started when the config first has a {@code pressure:} section (on
   * the premain thread for the config at start: armed before {@code main}); later configs reach it
   * live (one without the section puts it to sleep).
   */
  synchronized void startPressureGuard(AgentConfig current) {
    try {
      if (pressure != null) {
        pressure.reconfigure(current.pressure());
      } else if (current.pressure().enabled()) {
        BootClasses.ensure(BootSet.COLLECTIONS); // its emergency trim reads the live collections
        pressure =
            PressureGuard.start(
                current.pressure(),
                new TelemetryPressureEvents(telemetry),
                new Supplier<List<Rule>>() { // not a method reference: no lambda in premain
                  @Override
                  public List<Rule> get() {
                    return RuleTable.all();
                  }
                });
        if (backgroundStarted) {
          pressure.prepare(); // started by a reload
        }
      }
    } catch (Throwable failure) {
      AgentLog.get(AgentRuntime.class)
          .error("the memory pressure guard failed to start; rules stay in force", failure);
    }
  }

  /** Applies a new config; returns what needs a restart. */
  private synchronized List<String> reload(AgentConfig next) {
    SettingChanges.Changes settings = SettingChanges.between(Kinds.schema(), config, next);
    RuleInstaller.ReloadOutcome limits = rules.reload(next);
    config = next;
    startPressureGuard(next);
    AgentLog.configure(next.logging());
    telemetry.reconfigure(next);
    applyStatus();
    telemetry.configReloaded(next.source(), joined(settings.applied(), limits.applied()));
    List<String> needRestart = joined(settings.needRestart(), limits.needRestart());
    if (!needRestart.isEmpty()) {
      telemetry.restartNeeded(next.source(), needRestart);
    }
    return needRestart;
  }

  private static List<String> joined(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private void rejected(List<ConfigProblem> problems) {
    telemetry.configRejected(config.source(), problems);
  }
}
