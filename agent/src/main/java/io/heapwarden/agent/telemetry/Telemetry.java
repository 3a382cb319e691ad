package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.SignalListener;
import java.time.Duration;
import java.util.List;

/**
 * The one path from agent actions to JFR, Micrometer and logs. TODO(telemetry helper): implement.
 */
public final class Telemetry implements SignalListener {
  private Telemetry() {}

  /** Cheap: safe on the premain thread (no JFR, JMX or JUL initialisation). */
  public static Telemetry create(AgentConfig config) {
    return new Telemetry();
  }

  /**
   * Starts what can wait: JFR event registration, the periodic aggregator, the Micrometer bridge.
   */
  public void startBackground() {}

  public void reconfigure(AgentConfig config) {}

  public void agentStarted(Duration startup, int rules, String configSource) {}

  public void configReloaded(String source, List<String> changes) {}

  public void configRejected(String source, List<ConfigProblem> problems) {}

  public void restartNeeded(String source, List<String> changes) {}

  @Override
  public void ruleFailed(Rule rule, Throwable failure) {}

  public void transformFailed(String className, Throwable failure) {}

  /** The transformer saw a class load; cheap enough to call for every class. */
  public void classLoaded(String internalName, ClassLoader loader) {}
}
