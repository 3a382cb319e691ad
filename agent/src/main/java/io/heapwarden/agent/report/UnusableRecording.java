package io.heapwarden.agent.report;

/** The recording cannot be reported on; carries the one line to print and the exit status. */
final class UnusableRecording extends Exception {
  private static final long serialVersionUID = 1L;

  final int exitCode;

  UnusableRecording(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }
}
