package io.heapwarden.agent.attach;

/**
 * Why {@code attach}, {@code detach} or {@code list} cannot do what was asked: a one-line message
 * and the exit status that says so.
 */
final class AttachFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** The config file is invalid (checked before attaching), or the agent in the JVM rejected it. */
  static final int EXIT_INVALID_CONFIG = 1;

  /** The command line is wrong. */
  static final int EXIT_USAGE = 2;

  /** No process has this PID, or no running JVM matches the name. */
  static final int EXIT_NO_PROCESS = 3;

  /** The process is not a JVM. */
  static final int EXIT_NOT_A_JVM = 4;

  /**
   * The JVM cannot be attached to: another user's, attach disabled, dynamic agents refused, or the
   * attach failed.
   */
  static final int EXIT_CANNOT_ATTACH = 5;

  /** {@code detach}: the JVM has no active Heapwarden agent. */
  static final int EXIT_NO_AGENT = 6;

  /** The JVM's Java is older than the agent needs. */
  static final int EXIT_JAVA_TOO_OLD = 7;

  /** The name matches more than one JVM. */
  static final int EXIT_AMBIGUOUS = 8;

  final int exitCode;

  AttachFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}
