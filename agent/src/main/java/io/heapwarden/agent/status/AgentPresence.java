package io.heapwarden.agent.status;

/**
 * Whether Heapwarden is in a JVM, and what its last start, attach or detach did, as two system
 * properties of that JVM: the command line's {@code list} and {@code attach} read them through the
 * attach API ({@code VirtualMachine.getSystemProperties}) without JMX, and they are set before
 * {@code agentmain} returns, so an attach reads its own outcome.
 */
public final class AgentPresence {
  /** The agent's state in the JVM: one of the values below; absent when it never started. */
  public static final String STATE_PROPERTY = "io.heapwarden.agent.state";

  /** One line: what the last start, attach or detach did, or why it was refused. */
  public static final String DETAIL_PROPERTY = "io.heapwarden.agent.detail";

  /** Rules in force. */
  public static final String ACTIVE = "active";

  /** Loaded, every rule off ({@code detach}); the next attach turns them on again. */
  public static final String DETACHED = "detached";

  /** Loaded, but its config was rejected: nothing installed, the next attach starts it. */
  public static final String INACTIVE = "inactive";

  /** Loaded, but failed half-way; only a restart starts it again. */
  public static final String FAILED = "failed";

  /** The agent argument that turns every rule off: {@code loadAgent(jar, "detach")}. */
  public static final String DETACH_ARGUMENT = "detach";

  private AgentPresence() {}

  /** Publishes the state and its detail line in this JVM's system properties. */
  public static void publish(String state, String detail) {
    try {
      System.setProperty(DETAIL_PROPERTY, detail);
      System.setProperty(STATE_PROPERTY, state);
    } catch (RuntimeException refused) { // a security manager: the agent works without it
      System.err.println("[heapwarden] WARN cannot publish the agent's state: " + refused);
    }
  }
}
