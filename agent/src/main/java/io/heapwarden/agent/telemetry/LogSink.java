package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.Units;
import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Logs as a sink: one line per incident at its level, and at most one INFO summary line per rule
 * and interval. Every line goes through {@link LogOutput}, so the per-template rate limit applies.
 */
final class LogSink implements TelemetrySink {
  /** Beyond this many failed classes, a class may be warned about again (still rate-limited). */
  private static final int MAX_REMEMBERED_CLASSES = 4096;

  private final LogOutput out;
  private final Set<String> warnedClasses = ConcurrentHashMap.newKeySet();

  LogSink(LogOutput out) {
    this.out = out;
  }

  @Override
  public void incident(Incident incident) {
    if (singletonIncident(incident)) {
      return;
    }
    if (incident instanceof Incident.AgentStarted) {
      started((Incident.AgentStarted) incident);
    } else if (incident instanceof Incident.ConfigReloaded) {
      Incident.ConfigReloaded reloaded = (Incident.ConfigReloaded) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            "reloaded {}: {}",
            "reloaded "
                + reloaded.source()
                + ": "
                + (reloaded.changes().isEmpty()
                    ? "no change to apply live"
                    : joined(reloaded.changes())),
            null);
      }
    } else if (incident instanceof Incident.ConfigRejected) {
      Incident.ConfigRejected rejected = (Incident.ConfigRejected) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            "invalid configuration in {}; keeping the last good config: {}",
            "invalid configuration in "
                + rejected.source()
                + "; keeping the last good config: "
                + joined(rejected.problems()),
            null);
      }
    } else if (incident instanceof Incident.RestartNeeded) {
      Incident.RestartNeeded restart = (Incident.RestartNeeded) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            "{}: changes take effect only after a restart: {}",
            restart.source()
                + ": "
                + plural(restart.changes().size(), "change takes", "changes take")
                + " effect only after a restart: "
                + joined(restart.changes()),
            null);
      }
    } else if (incident instanceof Incident.RuleFailed) {
      Incident.RuleFailed failed = (Incident.RuleFailed) incident;
      Rule rule = failed.rule();
      if (out.enabled(LogLevel.ERROR)) {
        String name = rule == null ? "(unknown)" : rule.name();
        String kind = rule == null ? "" : " (" + rule.kind().meterPrefix() + ")";
        out.log(
            LogLevel.ERROR,
            "rule " + name + " failed",
            "rule "
                + name
                + kind
                + " failed and is now disabled; the service's calls go on unchanged",
            failed.failure());
      }
    } else if (incident instanceof Incident.TransformFailed) {
      Incident.TransformFailed failed = (Incident.TransformFailed) incident;
      if (out.enabled(LogLevel.WARN) && firstFailureOf(failed.className())) {
        out.log(
            LogLevel.WARN,
            "could not rewrite {}; it loads unchanged",
            "could not rewrite " + failed.className() + "; it loads unchanged",
            failed.failure());
      }
    } else if (incident instanceof Incident.NotBounded) {
      Incident.NotBounded notBounded = (Incident.NotBounded) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            "{}: a {} cannot be bounded, so the rule leaves it unchanged: {}",
            notBounded.rule()
                + ": a "
                + notBounded.type()
                + " cannot be bounded, so the rule leaves it unchanged: "
                + notBounded.reason(),
            null);
      }
    } else if (incident instanceof Incident.GrowthSuspect) {
      growthSuspect((Incident.GrowthSuspect) incident);
    } else if (!RuleFeedbackLines.log(out, incident)) {
      pressure(incident);
    }
  }

  /** One WARN per suspect field: what grows, how fast, how much it holds. */
  private void growthSuspect(Incident.GrowthSuspect suspect) {
    if (!out.enabled(LogLevel.WARN)) {
      return;
    }
    String line =
        String.format(
            Locale.ROOT,
            "discover: %s (%s) keeps growing: %d elements in %d collection%s, +%.1f a minute over"
                + " %s, about %s%s",
            suspect.field(),
            suspect.type(),
            suspect.count(),
            suspect.instances(),
            suspect.instances() == 1 ? "" : "s",
            suspect.perMinute(),
            Units.formatDuration(suspect.window()),
            suspect.bytes() < 0 ? "? bytes" : approximately(suspect.bytes()),
            suspect.heapPerMinute() > 0
                ? String.format(
                    Locale.ROOT,
                    "; the heap after GC grew %s a minute",
                    approximately((long) suspect.heapPerMinute()))
                : "");
    out.log(LogLevel.WARN, "discover: {} keeps growing", line, null);
  }

  /** A size as a person reads it: {@code 812 B}, {@code 45 KiB}, {@code 312 MiB}. */
  static String approximately(long bytes) {
    if (bytes < 10 * 1024) {
      return bytes + " B";
    }
    if (bytes < 10L * 1024 * 1024) {
      return (bytes >> 10) + " KiB";
    }
    return (bytes >> 20) + " MiB";
  }

  /** The memory pressure guard's incidents: a level change once, each action once. */
  private void pressure(Incident incident) {
    if (incident instanceof Incident.PressureChanged) {
      Incident.PressureChanged changed = (Incident.PressureChanged) incident;
      LogLevel level = changed.level().equals("NORMAL") ? LogLevel.INFO : LogLevel.WARN;
      if (out.enabled(level)) {
        out.log(
            level,
            "memory pressure {} (was {})",
            "memory pressure "
                + changed.level()
                + " (was "
                + changed.previous()
                + ", "
                + changed.cause()
                + "): heap after GC "
                + mib(changed.heapUsed())
                + " of "
                + mib(changed.heapMax())
                + ", container "
                + mib(changed.workingSet())
                + " of "
                + mib(changed.limit())
                + ", RSS "
                + mib(changed.rss()),
            null);
      }
    } else if (incident instanceof Incident.GcNudged) {
      Incident.GcNudged gc = (Incident.GcNudged) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            "GC nudge by {}",
            "GC nudge by "
                + gc.mechanism()
                + " in "
                + gc.duration().toMillis()
                + " ms: heap "
                + mib(gc.heapBefore())
                + " -> "
                + mib(gc.heapAfter())
                + ", RSS "
                + mib(gc.rssBefore())
                + " -> "
                + mib(gc.rssAfter())
                + "; native trim: "
                + gc.nativeTrim(),
            null);
      }
    } else if (incident instanceof Incident.BoundsScaled) {
      Incident.BoundsScaled scaled = (Incident.BoundsScaled) incident;
      LogLevel level = scaled.after() < scaled.before() ? LogLevel.WARN : LogLevel.INFO;
      if (out.enabled(level)) {
        out.log(
            level,
            "memory pressure: bounds at {}%",
            "memory pressure: bounds "
                + (scaled.after() < scaled.before() ? "lowered" : "raised")
                + " from "
                + scaled.before()
                + "% to "
                + scaled.after()
                + "% ("
                + scaled.reason()
                + "; heap after GC "
                + mib(scaled.heapUsed())
                + " of "
                + mib(scaled.heapMax())
                + "): "
                + scaled.bounds(),
            null);
      }
    } else if (incident instanceof Incident.EmergencyTrimmed) {
      Incident.EmergencyTrimmed trim = (Incident.EmergencyTrimmed) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            "emergency trim",
            "emergency trim: "
                + trim.dropped()
                + " entries dropped from "
                + plural(trim.collections(), "collection", "collections")
                + " and "
                + plural(trim.sessions(), "session store", "session stores")
                + "; "
                + trim.deferred()
                + " not thread-safe shrink on their next write",
            null);
      }
    }
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : (bytes >> 20) + " MiB";
  }

  /** The singletons: and instances: incidents; false for any other. */
  private boolean singletonIncident(Incident incident) {
    if (incident instanceof Incident.SingletonCreated) {
      Incident.SingletonCreated created = (Incident.SingletonCreated) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            created.rule().name() + ": built a shared instance",
            created.rule().name()
                + ": built a shared instance for "
                + created.key()
                + " in "
                + human(Duration.ofNanos(created.nanos())),
            null);
      }
    } else if (incident instanceof Incident.IdentityArguments) {
      Incident.IdentityArguments identity = (Incident.IdentityArguments) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            identity.rule().name() + ": identity arguments",
            identity.rule().name()
                + ": an argument of class "
                + identity.argumentClass()
                + " does not override equals, so equal-looking calls never match: those are"
                + " not shared (each builds its own instance, as without the agent). If one"
                + " instance is right whatever the arguments, set key: class",
            null);
      }
    } else if (incident instanceof Incident.CloseIgnored) {
      Incident.CloseIgnored ignored = (Incident.CloseIgnored) incident;
      if (out.enabled(LogLevel.INFO)) {
        out.log(
            LogLevel.INFO,
            ignored.rule().name() + ": close ignored",
            ignored.rule().name()
                + ": close() on a shared "
                + ignored.instanceClass()
                + " is ignored (on-close: ignore); it is closed at JVM shutdown. Said once per"
                + " rule",
            null);
      }
    } else if (incident instanceof Incident.TooManyLive) {
      Incident.TooManyLive tooMany = (Incident.TooManyLive) incident;
      if (out.enabled(LogLevel.WARN)) {
        out.log(
            LogLevel.WARN,
            tooMany.rule().name() + ": more live instances than max-live",
            tooMany.live()
                + " instances of "
                + tooMany.instanceClass()
                + " are alive, more than max-live "
                + tooMany.limit()
                + " (rule "
                + tooMany.rule().name()
                + "); the JFR event heapwarden.MaxLiveExceeded has the newest one's allocation"
                + " stack",
            null);
      }
    } else {
      return false;
    }
    return true;
  }

  @Override
  public void activity(ActivityReport report) {
    if (!out.enabled(LogLevel.INFO)) {
      return;
    }
    String interval = " in the last " + human(report.interval());
    Rule current = null;
    StringBuilder line = null;
    for (ActivityReport.Delta delta : report.deltas()) {
      if (delta.action() == Action.FAILED) {
        continue; // already logged as an ERROR when it happened
      }
      if (line == null || delta.rule() != current) {
        summary(current, line, interval);
        current = delta.rule();
        line = new StringBuilder(current.name()).append(": ");
      } else {
        line.append(", ");
      }
      line.append(delta.count()).append(' ').append(delta.action().meterSuffix());
    }
    summary(current, line, interval);
  }

  private void summary(@Nullable Rule rule, @Nullable StringBuilder line, String interval) {
    if (rule != null) {
      out.log(LogLevel.INFO, rule.name() + ": activity summary", line + interval, null);
    }
  }

  private void started(Incident.AgentStarted started) {
    if (!out.enabled(LogLevel.INFO)) {
      return;
    }
    Duration startup = started.startup() == null ? Duration.ZERO : started.startup();
    out.log(
        LogLevel.INFO,
        "started in {} ms with {} rules from {}",
        "started in "
            + startup.toMillis()
            + " ms with "
            + plural(started.rules(), "rule", "rules")
            + " from "
            + started.configSource(),
        null);
  }

  private boolean firstFailureOf(@Nullable String className) {
    if (warnedClasses.size() >= MAX_REMEMBERED_CLASSES) {
      return true;
    }
    return warnedClasses.add(String.valueOf(className));
  }

  private static String joined(List<String> items) {
    return String.join("; ", items);
  }

  private static String plural(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  /** {@code 10s}, {@code 1m30s} or {@code 250ms}: how a person would say an interval. */
  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + "s";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
  }
}
