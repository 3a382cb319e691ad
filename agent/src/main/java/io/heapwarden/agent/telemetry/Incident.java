package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rare thing the agent reports: each one becomes a log line, a JFR event and, for some, a count
 * behind a meter. Lists are copied, so an incident can be buffered until JFR has started.
 */
public sealed interface Incident {

  /** The agent is running: premain took {@code startup}, {@code rules} rules are installed. */
  record AgentStarted(Duration startup, int rules, String configSource) implements Incident {}

  /** A changed config file was applied live; {@code changes} describes each change. */
  record ConfigReloaded(String source, List<String> changes) implements Incident {
    public ConfigReloaded {
      changes = copy(changes);
    }
  }

  /** A changed config file is invalid; the last good config stays in force. */
  record ConfigRejected(String source, List<String> problems) implements Incident {
    public ConfigRejected {
      problems = copy(problems);
    }

    static ConfigRejected of(String source, List<ConfigProblem> problems) {
      List<String> formatted = new ArrayList<>();
      if (problems != null) {
        for (ConfigProblem problem : problems) {
          formatted.add(problem == null ? "null" : problem.format());
        }
      }
      return new ConfigRejected(source, formatted);
    }
  }

  /** A reload contained changes that only take effect after a restart. */
  record RestartNeeded(String source, List<String> changes) implements Incident {
    public RestartNeeded {
      changes = copy(changes);
    }
  }

  /** A hook caught a failure of the agent's own code and disabled {@code rule} for good. */
  record RuleFailed(Rule rule, Throwable failure) implements Incident {}

  /**
   * Rewriting a class failed; the class loads unchanged. {@code className} is the binary name
   * (dots).
   */
  record TransformFailed(@Nullable String className, Throwable failure) implements Incident {}

  /**
   * A collection rule left a field unbounded: its declared type, or the class of a value stored in
   * it, cannot be bounded safely. Reported once per rule and type.
   */
  record NotBounded(String rule, String type, String reason) implements Incident {}

  /**
   * A rule does nothing: its class loaded without the field or method it names, or with the field
   * of a type it cannot bound. Reported once per rule.
   *
   * @param location where the rule is written: {@code heapwarden.yaml:4:5, collections[0].field}
   */
  record RuleUnresolved(String rule, String location, String problem, @Nullable String hint)
      implements Incident {}

  /**
   * No class named by a rule has loaded {@code after} the agent started. Reported once per rule.
   */
  record RuleNotMatched(String rule, String location, String target, Duration after)
      implements Incident {}

  // ---- memory pressure guard (agent.pressure); sizes in bytes, -1 when unknown ----

  /** The memory pressure level changed ({@code NORMAL}, {@code WARN}, {@code CRITICAL}). */
  record PressureChanged(
      String level,
      String previous,
      String cause,
      long heapUsed,
      long heapMax,
      long workingSet,
      long limit,
      long rss)
      implements Incident {}

  /** The guard asked the JVM to collect (and trim native memory) under critical pressure. */
  record GcNudged(
      String mechanism,
      long heapBefore,
      long heapAfter,
      long rssBefore,
      long rssAfter,
      Duration duration,
      String nativeTrim)
      implements Incident {}

  /** The guard trimmed live thread-safe bounded collections and session stores at once. */
  record EmergencyTrimmed(int collections, int sessions, long dropped, int deferred)
      implements Incident {}

  /**
   * The guard changed the share of their bound that bounded collections keep: lowered while
   * pressure stays critical after a trim and a collection, raised step by step once it is normal.
   * {@code bounds} lists ruled bounds before and after ({@code rule: 75000 -> 37500}).
   */
  record BoundsScaled(
      int before, int after, String reason, String bounds, long heapUsed, long heapMax)
      implements Incident {}

  // --- singletons: and instances: rules
  // -----------------------------------------------------------

  /** A singleton rule built a shared instance for a new key, in {@code nanos}. */
  record SingletonCreated(Rule rule, String key, long nanos) implements Incident {}

  /** A singleton rule met an argument compared by identity; such calls are not shared. Once. */
  record IdentityArguments(Rule rule, String argumentClass) implements Incident {}

  /** close() on a shared instance was ignored (on-close: ignore); reported once per rule. */
  record CloseIgnored(Rule rule, String instanceClass) implements Incident {}

  /** More instances than max-live are alive; reported on the thread that built the newest. */
  record TooManyLive(Rule rule, long live, long limit, String instanceClass) implements Incident {}

  // ---- discovery (agent.discover) ----

  /**
   * A tracked field whose collections keep growing: {@code count} elements over {@code instances}
   * live collections (of the tracked ones) at the last sample, growing by {@code perMinute}
   * elements a minute over {@code window}; {@code bytes} is the estimated retained size (-1 when
   * unknown); {@code heapPerMinute} the heap's used-after-GC growth over the same window, in bytes
   * a minute (0 when unknown).
   */
  record GrowthSuspect(
      String field,
      String type,
      long count,
      int instances,
      double perMinute,
      long bytes,
      double heapPerMinute,
      Duration window)
      implements Incident {}

  private static List<String> copy(List<String> values) {
    List<String> copy = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        copy.add(String.valueOf(value));
      }
    }
    return List.copyOf(copy);
  }
}
