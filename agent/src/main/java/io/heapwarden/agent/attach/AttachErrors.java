package io.heapwarden.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the attach API throws into one line that says what to do. The messages it matches are
 * HotSpot's (JDK 17 to 25); anything else is passed on with the API's own message.
 */
final class AttachErrors {
  /** HotSpot's answer to a load when the JVM runs with {@code -XX:-EnableDynamicAgentLoading}. */
  static final String DYNAMIC_LOADING_DISABLED = "Dynamic agent loading is not enabled";

  private AttachErrors() {}

  /** The failure of {@code VirtualMachine.attach(pid)}. */
  static AttachFailure ofAttach(long pid, Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (failure instanceof AttachNotSupportedException && message.contains("doesn't respond")) {
      return new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM "
              + pid
              + " did not answer the attach: it may run with -XX:+DisableAttachMechanism, be"
              + " stopped or too busy, or run in another container or mount namespace ("
              + message
              + ")");
    }
    if (message.contains("should be owned by the current user")) {
      return new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM "
              + pid
              + " belongs to another user: a JVM accepts an attach only from its own user (or"
              + " root); run the command as that user ("
              + message
              + ")");
    }
    return new AttachFailure(
        AttachFailure.EXIT_CANNOT_ATTACH, "cannot attach to JVM " + pid + ": " + failure);
  }

  /** The failure of {@code loadAgent} in JVM {@code pid}, which runs Java {@code feature}. */
  static AttachFailure ofLoad(long pid, int feature, Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    if (message.contains(DYNAMIC_LOADING_DISABLED)) {
      return new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM "
              + pid
              + " refuses agents loaded at run time (it runs with"
              + " -XX:-EnableDynamicAgentLoading); restart it with -XX:+EnableDynamicAgentLoading,"
              + " or with -javaagent:heapwarden-agent.jar=config=heapwarden.yaml");
    }
    if (failure instanceof AgentInitializationException) {
      return new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM "
              + pid
              + " loaded the agent jar but its start failed ("
              + message
              + "); the service's own output (stderr) says why");
    }
    if (failure instanceof AgentLoadException) {
      return new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM " + pid + " (Java " + feature + ") could not load the agent: " + message);
    }
    return new AttachFailure(
        AttachFailure.EXIT_CANNOT_ATTACH,
        "loading the agent into JVM " + pid + " failed: " + failure);
  }

  /**
   * What to say before loading into a JVM of Java {@code feature}, or null: from Java 21, a JVM
   * prints a warning when an agent is loaded into it at run time (JEP 451), unless it was started
   * with {@code -XX:+EnableDynamicAgentLoading}; a future Java will refuse such agents by default.
   */
  static @Nullable String dynamicLoadingNote(long pid, int feature, boolean flagGiven) {
    if (feature < 21 || flagGiven) {
      return null;
    }
    return "note: JVM "
        + pid
        + " runs Java "
        + feature
        + ", which prints a WARNING on its stderr when an agent is loaded at run time (JEP 451);"
        + " that is expected. -XX:+EnableDynamicAgentLoading on its command line allows it"
        + " without the warning, and will be needed once a Java release refuses dynamic agents"
        + " by default";
  }
}
