package io.heapwarden.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's entry points. Deliberately tiny: it guards against a second start and hands over to
 * {@link AgentStartup}, which catches everything so that the agent can never stop the service
 * (except in strict mode, on purpose).
 */
public final class HeapwardenAgent {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HeapwardenAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, false);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation, true);
  }

  private static void start(String arguments, Instrumentation instrumentation, boolean attached) {
    if (!STARTED.compareAndSet(false, true)) {
      System.err.println(
          "[heapwarden] INFO the agent is already active in this JVM; ignoring another "
              + (attached ? "attach" : "-javaagent"));
      return;
    }
    AgentStartup.start(arguments, instrumentation, attached);
  }
}
