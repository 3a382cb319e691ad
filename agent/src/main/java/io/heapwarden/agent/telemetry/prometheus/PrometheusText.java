package io.heapwarden.agent.telemetry.prometheus;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.telemetry.AgentCounters;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.SessionStats;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The agent's meters in Prometheus's text exposition format (version 0.0.4), for a scrape of {@code
 * /metrics} with no Micrometer in the service. The names are those Micrometer's Prometheus registry
 * gives the same meters ({@code MicrometerBridge}; the table in docs/telemetry.md), so a dashboard
 * works with either: the {@code heapwarden_} prefix, base units in the name, counters ending in
 * {@code _total}. Labels name the rule (and a session eviction's reason), never a key: the series
 * are as many as the rules.
 */
public final class PrometheusText {
  /** The exposition's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<List<Rule>> rules;
  private final AgentCounters counters;

  public PrometheusText(Supplier<List<Rule>> rules, AgentCounters counters) {
    this.rules = rules;
    this.counters = counters;
  }

  /** Every meter's value now, one family after another. */
  public String scrape() {
    List<Rule> all = rules.get();
    StringBuilder out = new StringBuilder(4096);
    perRule(
        out,
        all,
        RuleKind.COLLECTION,
        Action.EVICTED,
        "heapwarden_collection_evictions_total",
        "Entries a Heapwarden rule evicted to keep a collection within its bound");
    perRule(
        out,
        all,
        RuleKind.COLLECTION,
        Action.TRIMMED,
        "heapwarden_collection_trims_total",
        "Entries a Heapwarden rule dropped in emergency trims under memory pressure");
    sizes(
        out,
        all,
        RuleKind.COLLECTION,
        "heapwarden_collection_size_entries",
        "Entries held by the live collections a Heapwarden collection rule bounds");
    perRule(
        out,
        all,
        RuleKind.SINGLETON,
        Action.CREATED,
        "heapwarden_singleton_created_instances_total",
        "Shared instances a Heapwarden rule built for new keys");
    perRule(
        out,
        all,
        RuleKind.SINGLETON,
        Action.REUSED,
        "heapwarden_singleton_reused_instances_total",
        "Times a Heapwarden rule handed out a shared instance instead of a new one");
    sessionEvictions(out, all);
    sizes(
        out,
        all,
        RuleKind.SESSION,
        "heapwarden_session_active_sessions",
        "Sessions held by the live session maps of a Heapwarden session rule");
    perRule(
        out,
        all,
        null,
        Action.FAILED,
        "heapwarden_rule_failures_total",
        "Failures of the agent's own code that disabled a Heapwarden rule");
    agent(out, all);
    pressure(out);
    return out.toString();
  }

  private static void perRule(
      StringBuilder out,
      List<Rule> all,
      @Nullable RuleKind kind,
      Action action,
      String name,
      String help) {
    boolean headed = false;
    for (Rule rule : all) {
      if (kind == null || rule.kind() == kind) {
        headed = head(out, headed, name, "counter", help);
        sample(out, name, rule.name(), null, rule.total(action));
      }
    }
  }

  private static void sizes(
      StringBuilder out, List<Rule> all, RuleKind kind, String name, String help) {
    // until a class is rewritten for its kind, a rule has no live collection (nor their classes)
    boolean live = BootClasses.available(BootSet.COLLECTIONS);
    boolean headed = false;
    for (Rule rule : all) {
      if (rule.kind() == kind) {
        headed = head(out, headed, name, "gauge", help);
        sample(out, name, rule.name(), null, live ? LiveCollections.size(rule) : 0);
      }
    }
  }

  private static void sessionEvictions(StringBuilder out, List<Rule> all) {
    String name = "heapwarden_session_evictions_total";
    boolean headed = false;
    boolean live = BootClasses.available(BootSet.SESSIONS);
    for (Rule rule : all) {
      if (rule.kind() != RuleKind.SESSION) {
        continue;
      }
      headed =
          head(
              out,
              headed,
              name,
              "counter",
              "Sessions a Heapwarden session rule evicted, by reason: capacity (beyond"
                  + " max-sessions), idle (idle-timeout) or pressure (only because memory was"
                  + " critical)");
      for (EvictionReason reason : EvictionReason.values()) {
        sample(out, name, rule.name(), reason.tag(), live ? SessionStats.total(rule, reason) : 0);
      }
    }
  }

  private void agent(StringBuilder out, List<Rule> all) {
    int enabled = 0;
    for (Rule rule : all) {
      enabled += rule.enabled() ? 1 : 0;
    }
    single(
        out,
        "heapwarden_agent_rules",
        "gauge",
        "Heapwarden rules in force and not disabled by a failure",
        enabled);
    single(
        out,
        "heapwarden_config_reloads_total",
        "counter",
        "Heapwarden config files applied live",
        counters.configReloads());
    single(
        out,
        "heapwarden_config_rejections_total",
        "counter",
        "Invalid Heapwarden config files rejected; the last good config stayed in force",
        counters.configRejections());
    single(
        out,
        "heapwarden_transform_failures_total",
        "counter",
        "Classes Heapwarden failed to rewrite; they loaded unchanged",
        counters.transformFailures());
    single(
        out,
        "heapwarden_rules_unresolved_rules",
        "gauge",
        "Heapwarden rules whose class lacks the field or method they name, or whose field cannot"
            + " be bounded",
        counters.unresolvedRules());
    single(
        out,
        "heapwarden_rules_unmatched_rules",
        "gauge",
        "Heapwarden rules reported because their class had not loaded after"
            + " telemetry.not-matched-after",
        counters.unmatchedRules());
    single(
        out,
        "heapwarden_discover_suspects_fields",
        "gauge",
        "Fields Heapwarden's discovery reported as growing (0 when discovery is off)",
        counters.growthSuspects());
  }

  private static void pressure(StringBuilder out) {
    single(
        out,
        "heapwarden_pressure_level",
        "gauge",
        "Heapwarden memory pressure level: 0 normal, 1 warn, 2 critical",
        PressureReadings.level());
    single(
        out,
        "heapwarden_pressure_heap_after_gc_bytes",
        "gauge",
        "Long-lived heap in use after the last collection; -1 before the first",
        PressureReadings.heapAfterGc());
    single(
        out,
        "heapwarden_pressure_heap_max_bytes",
        "gauge",
        "The long-lived heap's maximum; -1 before the guard's first reading",
        PressureReadings.heapMax());
    single(
        out,
        "heapwarden_pressure_working_set_bytes",
        "gauge",
        "Memory measured against the container limit (cgroup working set or process RSS); -1"
            + " when the container is not watched",
        PressureReadings.workingSet());
    single(
        out,
        "heapwarden_pressure_limit_bytes",
        "gauge",
        "The container memory limit in force; -1 when there is none",
        PressureReadings.limit());
    single(
        out,
        "heapwarden_pressure_bound_percent",
        "gauge",
        "The share of their configured bound that bounded collections keep now: 100 outside an"
            + " emergency",
        PressureReadings.boundPercent());
    single(
        out,
        "heapwarden_pressure_escalations_steps_total",
        "counter",
        "Times the guard lowered the bounds further because pressure stayed critical after a trim"
            + " and a collection",
        PressureReadings.escalations());
    single(
        out,
        "heapwarden_pressure_gc_nudges_total",
        "counter",
        "Garbage collections Heapwarden ran: the guard's nudges and POST /cleanup",
        PressureReadings.gcNudges());
  }

  private static void single(StringBuilder out, String name, String type, String help, long v) {
    head(out, false, name, type, help);
    sample(out, name, null, null, v);
  }

  /** The family's HELP and TYPE lines, once: returns true, the family now has its head. */
  private static boolean head(
      StringBuilder out, boolean headed, String name, String type, String help) {
    if (!headed) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
    return true;
  }

  private static void sample(
      StringBuilder out, String name, @Nullable String rule, @Nullable String reason, long value) {
    out.append(name);
    if (rule != null) {
      out.append("{rule=\"").append(escape(rule)).append('"');
      if (reason != null) {
        out.append(",reason=\"").append(escape(reason)).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(value).append('\n');
  }

  /** A label value: backslash, double quote and line feed escaped, as the format requires. */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        escaped.append('\\').append(c);
      } else if (c == '\n') {
        escaped.append("\\n");
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
