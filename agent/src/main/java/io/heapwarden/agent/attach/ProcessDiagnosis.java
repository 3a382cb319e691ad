package io.heapwarden.agent.attach;

import org.jspecify.annotations.Nullable;

/**
 * Why a process the attach API does not list cannot be attached to, from its {@link ProcessFacts}:
 * each case a one-line message and its exit status. Pure, so that each case is tested without
 * making it happen (a JVM of another user needs a second account).
 */
final class ProcessDiagnosis {
  private ProcessDiagnosis() {}

  /**
   * Throws the failure that explains why {@code facts} cannot be attached to; returns when an
   * attach should be tried (a listed JVM, or one of this user without perf data, which the attach
   * API can still reach by PID).
   *
   * @param me the user running this command
   */
  static void check(ProcessFacts facts, String me) throws AttachFailure {
    long pid = facts.pid();
    if (!facts.alive()) {
      throw new AttachFailure(AttachFailure.EXIT_NO_PROCESS, "no process with PID " + pid);
    }
    if (facts.listed()) {
      return;
    }
    String owner = facts.user();
    boolean otherUser = owner != null && !sameUser(owner, me) && !me.equals("root");
    if (Boolean.FALSE.equals(facts.jvm()) || (facts.jvm() == null && !otherUser)) {
      throw new AttachFailure(
          AttachFailure.EXIT_NOT_A_JVM,
          "process " + pid + " (" + facts.commandLine() + ") is not a Java virtual machine");
    }
    if (otherUser) {
      throw new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          (facts.jvm() == null ? "process " : "JVM ")
              + pid
              + " runs as user '"
              + owner
              + "' and this command as '"
              + me
              + "': a JVM accepts an attach only from its own user (or root); run the command as"
              + " that user, e.g. sudo -u "
              + owner
              + " java -jar heapwarden-agent.jar ...");
    }
    if (hasFlag(facts, "-XX:+DisableAttachMechanism")) {
      throw new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH,
          "JVM "
              + pid
              + " was started with -XX:+DisableAttachMechanism and refuses every attach; start it"
              + " with -javaagent:heapwarden-agent.jar=config=heapwarden.yaml instead");
    }
  }

  /** Whether the JVM's command line holds {@code flag}. */
  static boolean hasFlag(ProcessFacts facts, String flag) {
    return facts.arguments().contains(flag);
  }

  /** User names as {@code ps} shows them may be cut, or carry a domain on Windows. */
  private static boolean sameUser(String owner, String me) {
    return owner.equals(me) || owner.endsWith("\\" + me);
  }

  /** The JVM's Java feature version from its {@code java.specification.version}, or -1. */
  static int featureVersion(@Nullable String specificationVersion) {
    if (specificationVersion == null) {
      return -1;
    }
    String version =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    try {
      return Integer.parseInt(version);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }
}
