package io.heapwarden.agent.attach;

/**
 * A JVM the attach API lists: its PID and its display name, the main class or jar followed by the
 * arguments ({@code jcmd -l}'s second column).
 */
record RunningJvm(long pid, String displayName) {
  /** The main class or jar: the display name's first word. */
  String main() {
    int space = displayName.indexOf(' ');
    return space < 0 ? displayName : displayName.substring(0, space);
  }

  /**
   * Whether {@code name} names this JVM: part of its main class or of its jar's path, as in Elastic
   * APM's attacher. A JVM without perf data has its PID as display name and never matches.
   */
  boolean matches(String name) {
    String main = main();
    return !main.isEmpty() && !main.equals(Long.toString(pid)) && main.contains(name);
  }
}
