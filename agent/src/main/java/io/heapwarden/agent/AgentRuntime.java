package io.heapwarden.agent;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigWatcher;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.rules.RuleInstaller;
import io.heapwarden.agent.telemetry.Telemetry;
import java.time.Duration;
import java.util.List;

/** The running agent: the config in force, and what happens when the file changes. */
final class AgentRuntime {
  private final RuleInstaller rules;
  private final Telemetry telemetry;
  private volatile AgentConfig config;

  AgentRuntime(AgentConfig config, RuleInstaller rules, Telemetry telemetry) {
    this.config = config;
    this.rules = rules;
    this.telemetry = telemetry;
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
      telemetry.startBackground();
      telemetry.agentStarted(startup, rules.configuredRules(), config.source());
      if (request.file() != null && config.reload().watch()) {
        ConfigWatcher.start(request, config.reload().interval(), this::reload, this::rejected);
      }
    } catch (Throwable failure) {
      AgentLog.get(AgentRuntime.class)
          .error("background start failed; rules stay in force without telemetry", failure);
    }
  }

  private void reload(AgentConfig next) {
    RuleInstaller.ReloadOutcome outcome = rules.reload(next);
    config = next;
    AgentLog.configure(next.logging());
    telemetry.reconfigure(next);
    telemetry.configReloaded(next.source(), outcome.applied());
    if (!outcome.needRestart().isEmpty()) {
      telemetry.restartNeeded(next.source(), outcome.needRestart());
    }
  }

  private void rejected(List<ConfigProblem> problems) {
    telemetry.configRejected(config.source(), problems);
  }
}
