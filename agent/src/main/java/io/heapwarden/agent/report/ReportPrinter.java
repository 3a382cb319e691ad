package io.heapwarden.agent.report;

import static io.heapwarden.agent.report.RecordingSummary.number;
import static io.heapwarden.agent.report.RecordingSummary.text;
import static io.heapwarden.agent.report.RecordingSummary.typeIs;
import static io.heapwarden.agent.report.Units.bytes;
import static io.heapwarden.agent.report.Units.count;
import static io.heapwarden.agent.report.Units.nanos;
import static io.heapwarden.agent.report.Units.plural;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;

/** Writes a {@link RecordingSummary} as the text of {@code heapwarden-agent.jar report}. */
final class ReportPrinter {
  private final RecordingSummary summary;
  private final PrintStream out;

  ReportPrinter(RecordingSummary summary, PrintStream out) {
    this.summary = summary;
    this.out = out;
  }

  void print(String file) {
    out.println("Heapwarden report: " + file);
    out.println(
        "Recording: "
            + Units.time(summary.first)
            + " to "
            + Units.time(summary.last)
            + " ("
            + nanos(Duration.between(summary.first, summary.last).toNanos())
            + "), "
            + plural(summary.heapwardenEvents, "Heapwarden event", "Heapwarden events"));
    agent();
    rules();
    sessions();
    instances();
    new PressurePrinter(summary, out).print();
    config();
    failures();
  }

  private void agent() {
    if (summary.agentStarts.isEmpty()) {
      out.println("Agent: no heapwarden.AgentStarted event (the recording began after the start)");
    }
    for (RecordedEvent started : summary.agentStarts) {
      out.println(
          "Agent: started in "
              + nanos(number(started, "startupDuration"))
              + " with "
              + plural(number(started, "ruleCount"), "rule", "rules")
              + " from "
              + text(started, "configSource"));
    }
  }

  private void rules() {
    out.println();
    out.println(
        "Rules with activity: "
            + summary.rules.size()
            + " (a rule that never evicted, trimmed, shared or failed has no events)");
    if (summary.rules.isEmpty()) {
      return;
    }
    int width = 4;
    for (String rule : summary.rules.keySet()) {
      width = Math.max(width, rule.length());
    }
    String row = "  %-" + width + "s  %-10s %8s %8s %8s %9s %9s %9s %9s %7s%n";
    out.printf(
        Locale.ROOT,
        row,
        "rule",
        "kind",
        "bound",
        "size",
        "peak",
        "evicted",
        "trimmed",
        "created",
        "reused",
        "failed");
    for (RuleTotals rule : summary.rules.values()) {
      out.printf(
          Locale.ROOT,
          row,
          rule.rule,
          rule.kind,
          count(rule.bound),
          count(rule.size),
          count(rule.peakSize),
          rule.count(RuleTotals.Action.EVICTED),
          rule.count(RuleTotals.Action.TRIMMED),
          rule.count(RuleTotals.Action.CREATED),
          rule.count(RuleTotals.Action.REUSED),
          rule.count(RuleTotals.Action.FAILED));
      if (rule.otherCount > 0) {
        out.println("    and " + rule.otherCount + " actions this report does not know");
      }
    }
  }

  private void sessions() {
    out.println();
    out.println("Sessions evicted: " + summary.sessionsEvicted());
    for (SessionTotals totals : summary.sessions.values()) {
      out.println(
          "  "
              + totals.rule
              + " ("
              + totals.reason
              + "): "
              + totals.count
              + ", oldest "
              + nanos(totals.maxAgeNanos)
              + ", longest idle "
              + nanos(totals.maxIdleNanos)
              + ", about "
              + bytes(totals.estimatedBytes));
    }
  }

  private void instances() {
    if (!summary.singletonsCreated.isEmpty()) {
      out.println();
      out.println("Shared instances built:");
      for (Map.Entry<String, Long> created : summary.singletonsCreated.entrySet()) {
        out.println("  " + created.getKey() + ": " + created.getValue());
      }
    }
    if (!summary.maxLiveWarnings.isEmpty()) {
      out.println();
      out.println("More live instances than max-live:");
      for (Map.Entry<String, Long> warned : summary.maxLiveWarnings.entrySet()) {
        out.println(
            "  "
                + warned.getKey()
                + ": "
                + plural(warned.getValue(), "warning", "warnings")
                + ", up to "
                + summary.peakLive.get(warned.getKey())
                + " live");
      }
    }
  }

  private void config() {
    out.println();
    out.println(
        "Config: "
            + plural(summary.count("ConfigReloaded"), "reload", "reloads")
            + ", "
            + summary.count("ConfigRejected")
            + " rejected, "
            + summary.count("RestartNeeded")
            + " needing a restart");
    for (RecordedEvent event : summary.config) {
      String what;
      if (typeIs(event, "ConfigRejected")) {
        what = "rejected: " + text(event, "problems");
      } else if (typeIs(event, "RestartNeeded")) {
        what = "restart needed for: " + text(event, "changes");
      } else {
        what = "reloaded: " + text(event, "changes");
      }
      out.println("  " + at(event) + "  " + text(event, "source") + " " + what);
    }
  }

  private void failures() {
    out.println();
    long rules = summary.count("RuleFailed");
    long transforms = summary.count("TransformFailed");
    out.println(
        "Agent errors: "
            + plural(rules, "rule failed", "rules failed")
            + ", "
            + plural(transforms, "class not rewritten", "classes not rewritten"));
    for (RecordedEvent event : summary.failures) {
      String what =
          typeIs(event, "RuleFailed")
              ? "rule " + text(event, "rule") + " (" + text(event, "kind") + ") disabled"
              : "class " + text(event, "className") + " loaded unchanged";
      out.println(
          "  "
              + at(event)
              + "  "
              + what
              + ": "
              + text(event, "failureClass")
              + ": "
              + text(event, "failureMessage"));
    }
  }

  private String at(RecordedEvent event) {
    return Units.offset(summary.first, event.getStartTime());
  }
}
