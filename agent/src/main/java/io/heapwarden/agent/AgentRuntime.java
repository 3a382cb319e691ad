package io.heapwarden.agent;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigWatcher;
import io.heapwarden.agent.config.SettingChanges;
import io.heapwarden.agent.discover.Discovery;
import io.heapwarden.agent.instrument.LoadedClassRetransformer;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.pressure.PressureGuard;
import io.heapwarden.agent.pressure.TelemetryPressureEvents;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.rules.RuleInstaller;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The running agent: the config in force, and what happens when the file changes. */
final class AgentRuntime {
  private final RuleInstaller rules;
  private final Telemetry telemetry;
  private final @Nullable LoadedClassRetransformer alreadyLoaded;
  private volatile AgentConfig config;
  private @Nullable PressureGuard pressure; // guarded by this
  private boolean backgroundStarted; // guarded by this

  /**
   * @param alreadyLoaded after a dynamic attach, what sends the classes loaded before the agent
   *     through its transformer; null when started with {@code -javaagent}
   */
  AgentRuntime(
      AgentConfig config,
      RuleInstaller rules,
      Telemetry telemetry,
      @Nullable LoadedClassRetransformer alreadyLoaded) {
    this.config = config;
    this.rules = rules;
    this.telemetry = telemetry;
    this.alreadyLoaded = alreadyLoaded;
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
      if (alreadyLoaded != null && !rules.targets().isEmpty()) {
        retransformAlreadyLoaded();
      }
      telemetry.startBackground();
      if (config.discover().enabled()) {
        Discovery.startSampling(config.discover(), telemetry);
      }
      telemetry.agentStarted(startup, rules.configuredRules(), config.source());
      if (request.file() != null && config.reload().watch()) {
        ConfigWatcher.start(request, config.reload().interval(), this::reload, this::rejected);
      }
    } catch (Throwable failure) {
      AgentLog.get(AgentRuntime.class)
          .error("background start failed; rules stay in force without telemetry", failure);
    }
  }

  /** Off the premain thread: what the guard's nudge needs, found before it is needed. */
  private synchronized void preparePressureGuard() {
    backgroundStarted = true;
    if (pressure != null) {
      pressure.prepare();
    }
  }

  private void retransformAlreadyLoaded() {
    LoadedClassRetransformer loaded = alreadyLoaded;
    if (loaded == null) {
      return; // started with -javaagent: no class loaded before the agent
    }
    long started = System.nanoTime();
    LoadedClassRetransformer.Outcome outcome = loaded.retransformLoaded();
    long millis = (System.nanoTime() - started) / 1_000_000;
    AgentLog.get(AgentRuntime.class)
        .info(
            "attached: rewrote {} of {} already-loaded classes that mention a rule target in {} ms"
                + " (of {} loaded)",
            outcome.retransformed(),
            outcome.candidates(),
            millis,
            outcome.loaded());
    if (!outcome.failed().isEmpty()) {
      AgentLog.get(AgentRuntime.class)
          .warn(
              "attached: the JVM refused to rewrite {} already-loaded classes; their code runs"
                  + " unchanged: {}",
              outcome.failed().size(),
              outcome.failed());
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

  private void reload(AgentConfig next) {
    SettingChanges.Changes settings = SettingChanges.between(Kinds.schema(), config, next);
    RuleInstaller.ReloadOutcome limits = rules.reload(next);
    config = next;
    startPressureGuard(next);
    AgentLog.configure(next.logging());
    telemetry.reconfigure(next);
    telemetry.configReloaded(next.source(), joined(settings.applied(), limits.applied()));
    List<String> needRestart = joined(settings.needRestart(), limits.needRestart());
    if (!needRestart.isEmpty()) {
      telemetry.restartNeeded(next.source(), needRestart);
    }
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
