package io.heapwarden.agent.log;

import org.slf4j.Logger;

/**
 * The agent's loggers. Every line goes to stderr as {@code [heapwarden] LEVEL message}, at the
 * level of the agent's config (INFO until {@link #configure} is first called) and rate-limited per
 * message template to {@code logging.lines-per-minute} lines per rolling minute.
 *
 * <p>Deliberately not {@code LoggerFactory}: the service's SLF4J binding, its {@code
 * -Dslf4j.provider} and its class path must not affect the agent, and a provider lookup would cost
 * start-up time on the premain thread.
 */
public final class AgentLog {
  private static final LogOutput OUTPUT = new LogOutput(null, null);

  private AgentLog() {}

  public static Logger get(Class<?> owner) {
    return OUTPUT.logger(owner == null ? "heapwarden" : owner.getName());
  }

  /** Applies a config's logging settings, live: the next line already follows them. */
  public static void configure(LoggingSettings settings) {
    OUTPUT.configure(settings);
  }

  /** The output behind every logger of the agent (telemetry writes its lines here too). */
  public static LogOutput output() {
    return OUTPUT;
  }
}
