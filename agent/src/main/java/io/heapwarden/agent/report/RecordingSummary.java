package io.heapwarden.agent.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Everything the report prints, folded from a recording's events one at a time: frequent events
 * (rule activity, session evictions) are summed, rare ones (pressure, config, failures) kept.
 */
final class RecordingSummary {
  static final String PREFIX = "heapwarden.";

  /** The first and last event's times; MAX and MIN until an event is read. */
  Instant first = Instant.MAX;

  Instant last = Instant.MIN;
  long heapwardenEvents;
  final List<RecordedEvent> agentStarts = new ArrayList<>();
  final Map<String, RuleTotals> rules = new TreeMap<>();
  final Map<String, SessionTotals> sessions = new TreeMap<>();
  long sessionSamples;
  final Map<String, Long> singletonsCreated = new TreeMap<>();
  final Map<String, Long> maxLiveWarnings = new TreeMap<>();
  final Map<String, Long> peakLive = new TreeMap<>();

  /** MemoryPressure, EmergencyTrim and GcNudge, in the order read (time order per chunk). */
  final List<RecordedEvent> pressure = new ArrayList<>();

  final List<RecordedEvent> config = new ArrayList<>();

  /** Discovery's GrowthSuspect events, in the order read. */
  final List<RecordedEvent> growthSuspects = new ArrayList<>();

  final List<RecordedEvent> failures = new ArrayList<>();

  void accept(RecordedEvent event) {
    Instant time = event.getStartTime();
    if (time.isBefore(first)) {
      first = time;
    }
    if (time.isAfter(last)) {
      last = time;
    }
    String name = event.getEventType().getName();
    if (!name.startsWith(PREFIX)) {
      return;
    }
    heapwardenEvents++;
    switch (name.substring(PREFIX.length())) {
      case "AgentStarted":
        agentStarts.add(event);
        break;
      case "GrowthSuspect":
        growthSuspects.add(event);
        break;
      case "RuleActivity":
        rules
            .computeIfAbsent(text(event, "rule"), RuleTotals::new)
            .add(
                text(event, "kind"),
                text(event, "action"),
                number(event, "count"),
                number(event, "size"),
                number(event, "bound"));
        break;
      case "SessionEvictions":
        String rule = text(event, "rule");
        String reason = text(event, "reason");
        sessions
            .computeIfAbsent(rule + '\n' + reason, key -> new SessionTotals(rule, reason))
            .add(
                number(event, "count"),
                number(event, "maxAge"),
                number(event, "maxIdle"),
                number(event, "estimatedSize"));
        break;
      case "SessionEvicted":
        sessionSamples++;
        break;
      case "SingletonCreated":
        singletonsCreated.merge(text(event, "rule"), 1L, Long::sum);
        break;
      case "MaxLiveExceeded":
        maxLiveWarnings.merge(text(event, "rule"), 1L, Long::sum);
        peakLive.merge(text(event, "rule"), number(event, "live"), Math::max);
        break;
      case "MemoryPressure":
      case "EmergencyTrim":
      case "GcNudge":
        pressure.add(event);
        break;
      case "ConfigReloaded":
      case "ConfigRejected":
      case "RestartNeeded":
        config.add(event);
        break;
      case "RuleFailed":
      case "TransformFailed":
        failures.add(event);
        break;
      default:
        // a newer agent's event: counted in heapwardenEvents, not summarized
        break;
    }
  }

  /** Sorts the kept events by time: a recording's chunks are read in order, but be sure. */
  void finish() {
    pressure.sort(RecordingSummary::byTime);
    config.sort(RecordingSummary::byTime);
    failures.sort(RecordingSummary::byTime);
  }

  long count(String name) {
    long n = 0;
    for (RecordedEvent event : pressure) {
      n += typeIs(event, name) ? 1 : 0;
    }
    for (RecordedEvent event : config) {
      n += typeIs(event, name) ? 1 : 0;
    }
    for (RecordedEvent event : failures) {
      n += typeIs(event, name) ? 1 : 0;
    }
    return n;
  }

  long sessionsEvicted() {
    long n = 0;
    for (SessionTotals totals : sessions.values()) {
      n += totals.count;
    }
    return n;
  }

  static boolean typeIs(RecordedEvent event, String shortName) {
    return event.getEventType().getName().equals(PREFIX + shortName);
  }

  /** A string field, or "?" when an older or newer agent's event lacks it. */
  static String text(RecordedEvent event, String field) {
    if (!event.hasField(field)) {
      return "?";
    }
    String value = event.getString(field);
    return value == null ? "?" : value;
  }

  /** A numeric field, or -1 (the events' own "not measured") when the event lacks it. */
  static long number(RecordedEvent event, String field) {
    return event.hasField(field) ? event.getLong(field) : -1;
  }

  private static int byTime(RecordedEvent a, RecordedEvent b) {
    return a.getStartTime().compareTo(b.getStartTime());
  }
}
