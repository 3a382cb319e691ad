package io.heapwarden.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's entry points. Deliberately tiny: it guards against a second start and hands over to
 * {@link AgentStartup}, which catches everything so that the agent can never stop the service
 * (except in strict mode, on purpose).
 *
 * <p>A start that rejects its configuration installs nothing and leaves the agent {@link
 * #INACTIVE}: the next attach (or a second {@code -javaagent}) starts it afresh. Once a start got
 * further, the agent is active (or {@link #FAILED}, if it broke half-way) until the JVM exits, and
 * every later start is ignored with one line saying why.
 */
public final class HeapwardenAgent {
  /** Nothing installed: the next start may activate the agent. */
  static final int INACTIVE = 0;

  /** A start is in progress. */
  static final int STARTING = 1;

  /** Rules, transformer and threads are in place. */
  static final int ACTIVE = 2;

  /** A start failed after installing part of the agent: starting again could install it twice. */
  static final int FAILED = 3;

  private static final AtomicInteger STATE = new AtomicInteger(INACTIVE);

  private HeapwardenAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
    if (!STATE.compareAndSet(INACTIVE, STARTING)) {
      System.err.println(
          "[heapwarden] INFO the agent is already "
              + (STATE.get() == FAILED
                  ? "in this JVM, but failed to start; restart the JVM to start it;"
                  : "active in this JVM;")
              + " ignoring another "
              + (attached ? "attach" : "-javaagent"));
      return;
    }
    int outcome = FAILED;
    try {
      outcome = AgentStartup.start(arguments, instrumentation, attached);
    } finally {
      STATE.set(outcome);
    }
  }
}
