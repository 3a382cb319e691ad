package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import java.time.Duration;

/**
 * The log lines of the rule feedback (see docs/configuration.md, "When a rule matches nothing"):
 * one WARN per rule that does nothing, one INFO per rule whose class has not loaded in time.
 */
final class RuleFeedbackLines {
  private RuleFeedbackLines() {}

  /** Logs {@code incident} if it is the rule feedback's; false when it is not. */
  static boolean log(LogOutput out, Incident incident) {
    if (incident instanceof Incident.RuleUnresolved) {
      Incident.RuleUnresolved unresolved = (Incident.RuleUnresolved) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            "rule {} ({}) does nothing: {}",
            "rule "
                + unresolved.rule()
                + " ("
                + unresolved.location()
                + ") does nothing: "
                + unresolved.problem()
                + (unresolved.hint() == null ? "" : " (hint: " + unresolved.hint() + ")"),
            null);
      }
      return true;
    }
    if (incident instanceof Incident.RuleNotMatched) {
      Incident.RuleNotMatched notMatched = (Incident.RuleNotMatched) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            "rule {} ({}) has not matched any loaded class after {}",
            "rule "
                + notMatched.rule()
                + " ("
                + notMatched.location()
                + ") has not matched any loaded class after "
                + seconds(notMatched.after())
                + ": "
                + notMatched.target()
                + " has not been loaded (hint: if the service has used it by now, the name may be"
                + " wrong: run java -jar heapwarden-agent.jar check <config> --classpath"
                + " <service jar or classes> to resolve every rule against its classes)",
            null);
      }
      return true;
    }
    return false;
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }
}
