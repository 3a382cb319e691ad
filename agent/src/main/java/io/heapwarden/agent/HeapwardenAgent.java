package io.heapwarden.agent;

import io.heapwarden.agent.status.AgentPresence;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The agent's entry points. Deliberately tiny: it guards against a second start and hands over to
 * {@link AgentStartup}, which catches everything so that the agent can never stop the service
 * (except in strict mode, on purpose).
 *
 * <p>A start that rejects its configuration installs nothing and leaves the agent {@link
 * #INACTIVE}: the next attach (or a second {@code -javaagent}) starts it afresh. Once a start got
 * further, the agent is active (or {@link #FAILED}, if it broke half-way) until the JVM exits. A
 * later attach to an active agent reconfigures it (and turns its rules back on after a {@code
 * detach}); a later {@code -javaagent}, or any start of a failed one, is ignored with one line
 * saying why. The attach argument {@code detach} turns every rule off.
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

  public static void premain(@Nullable String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(@Nullable String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static void start(
      @Nullable String arguments, Instrumentation instrumentation, boolean attached) {
    String given = arguments == null ? "" : arguments.trim();
    if (attached && given.equals(AgentPresence.DETACH_ARGUMENT)) {
      detach();
      return;
    }
    if (!STATE.compareAndSet(INACTIVE, STARTING)) {
      if (attached && STATE.get() == ACTIVE) {
        AgentActivation.attachedAgain(given); // reconfigures, and turns detached rules back on
        return;
      }
      int state = STATE.get();
      String why =
          state == FAILED
              ? "in this JVM, but failed to start; restart the JVM to start it"
              : state == ACTIVE ? "active in this JVM" : "starting in this JVM";
      System.err.println(
          "[heapwarden] INFO the agent is already "
              + why
              + "; ignoring another "
              + (attached ? "attach" : "-javaagent"));
      return;
    }
    int outcome = FAILED;
    try {
      outcome = AgentStartup.start(given, instrumentation, attached);
    } finally {
      STATE.set(outcome);
      if (outcome == FAILED) {
        AgentPresence.publish(AgentPresence.FAILED, "failed to start; see the service's log");
      }
    }
  }

  private static void detach() {
    if (STATE.get() == ACTIVE) {
      AgentActivation.detach();
    } else {
      System.err.println(
          "[heapwarden] INFO nothing to detach: the agent is not active in this JVM");
    }
  }
}
