package io.heapwarden.agent;

import io.heapwarden.agent.boot.AgentJar;
import io.heapwarden.agent.boot.BootClasses;
import java.lang.instrument.Instrumentation;

/**
 * First step of a start: defines the core bootstrap classes in the boot loader (the others follow
 * when a configured feature needs them, see {@link BootClasses}), then hands over to {@link
 * AgentActivation}. This class must not mention any {@code io.heapwarden.bootstrap} type, not even
 * indirectly through a signature it verifies: the verifier would load that type through the
 * application class loader, from the agent jar, before the boot-loader copy exists, and the two
 * copies would clash (a loader-constraint violation).
 */
final class AgentStartup {
  private AgentStartup() {}

  /**
   * Returns what the agent is now: {@link HeapwardenAgent#ACTIVE}, {@code INACTIVE} or {@code
   * FAILED}.
   */
  static int start(String arguments, Instrumentation instrumentation, boolean attached) {
    long started = System.nanoTime();
    try {
      BootClasses.start(instrumentation, AgentJar.open());
    } catch (Throwable failure) {
      System.err.println(
          "[heapwarden] ERROR the agent cannot define its classes in the boot loader and stays"
              + " inactive; the service runs unchanged: "
              + failure);
      return HeapwardenAgent.FAILED; // some classes may be defined: defining them again would clash
    }
    return AgentActivation.activate(arguments, instrumentation, started, attached);
  }
}
