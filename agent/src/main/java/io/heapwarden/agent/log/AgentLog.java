package io.heapwarden.agent.log;

import io.heapwarden.agent.config.LoggingSettings;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/** The agent's loggers. TODO(telemetry helper): real, rate-limited {@code [heapwarden]} logger. */
public final class AgentLog {
  private AgentLog() {}

  public static Logger get(Class<?> owner) {
    return NOPLogger.NOP_LOGGER;
  }

  public static void configure(LoggingSettings settings) {}
}
