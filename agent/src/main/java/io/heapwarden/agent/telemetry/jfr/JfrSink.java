package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.telemetry.ActivityReport;
import io.heapwarden.agent.telemetry.Incident;
import io.heapwarden.agent.telemetry.TelemetrySink;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.collections.LiveCollections;
import org.jspecify.annotations.Nullable;

/**
 * Commits the agent's JFR events. An event that no recording enables costs an allocation and a flag
 * check; fields are only filled for enabled events.
 */
final class JfrSink implements TelemetrySink {

  @Override
  public void incident(Incident incident) {
    if (SingletonEvents.commit(incident)) {
      return;
    }
    if (incident instanceof Incident.AgentStarted) {
      Incident.AgentStarted started = (Incident.AgentStarted) incident;
      AgentStartedEvent event = new AgentStartedEvent();
      if (event.isEnabled()) {
        event.startupDuration = started.startup() == null ? 0L : started.startup().toNanos();
        event.ruleCount = started.rules();
        event.configSource = started.configSource();
        event.commit();
      }
    } else if (incident instanceof Incident.ConfigReloaded) {
      Incident.ConfigReloaded reloaded = (Incident.ConfigReloaded) incident;
      ConfigReloadedEvent event = new ConfigReloadedEvent();
      if (event.isEnabled()) {
        event.source = reloaded.source();
        event.changeCount = reloaded.changes().size();
        event.changes = String.join("; ", reloaded.changes());
        event.commit();
      }
    } else if (incident instanceof Incident.ConfigRejected) {
      Incident.ConfigRejected rejected = (Incident.ConfigRejected) incident;
      ConfigRejectedEvent event = new ConfigRejectedEvent();
      if (event.isEnabled()) {
        event.source = rejected.source();
        event.problemCount = rejected.problems().size();
        event.problems = String.join("; ", rejected.problems());
        event.commit();
      }
    } else if (incident instanceof Incident.RestartNeeded) {
      Incident.RestartNeeded restart = (Incident.RestartNeeded) incident;
      RestartNeededEvent event = new RestartNeededEvent();
      if (event.isEnabled()) {
        event.source = restart.source();
        event.changeCount = restart.changes().size();
        event.changes = String.join("; ", restart.changes());
        event.commit();
      }
    } else if (incident instanceof Incident.RuleFailed) {
      Incident.RuleFailed failed = (Incident.RuleFailed) incident;
      RuleFailedEvent event = new RuleFailedEvent();
      if (event.isEnabled()) {
        Rule rule = failed.rule();
        event.rule = rule == null ? null : rule.name();
        event.kind = rule == null ? null : rule.kind().name();
        event.failureClass = className(failed.failure());
        event.failureMessage = message(failed.failure());
        event.commit();
      }
    } else if (incident instanceof Incident.TransformFailed) {
      Incident.TransformFailed failed = (Incident.TransformFailed) incident;
      TransformFailedEvent event = new TransformFailedEvent();
      if (event.isEnabled()) {
        event.className = failed.className();
        event.failureClass = className(failed.failure());
        event.failureMessage = message(failed.failure());
        event.commit();
      }
    } else if (incident instanceof Incident.GrowthSuspect) {
      GrowthSuspectEvent.commit((Incident.GrowthSuspect) incident);
    } else if (!ruleUnresolved(incident)) {
      PressureJfr.commit(incident);
    }
  }

  @Override
  public void activity(ActivityReport report) {
    long interval = report.interval().toNanos();
    if (BootClasses.available(BootSet.SESSIONS)) { // without session rules there are none
      SessionEvents.emit(interval); // session evictions count on their rules: they come with deltas
    }
    for (ActivityReport.Delta delta : report.deltas()) {
      RuleActivityEvent event = new RuleActivityEvent();
      if (!event.isEnabled()) {
        return; // the same for every delta of this tick
      }
      event.rule = delta.rule().name();
      event.kind = delta.rule().kind().name();
      event.action = delta.action().name();
      event.count = delta.count();
      Limit bound = delta.rule().kind().bound(); // null: the rule bounds no collection
      event.size = bound == null ? -1 : liveSize(delta.rule());
      event.bound = bound != null ? delta.rule().limit(bound) : -1;
      event.interval = interval;
      event.commit();
    }
  }

  /** A rule that does nothing, found when its class loaded or when it had not in time. */
  private static boolean ruleUnresolved(Incident incident) {
    if (incident instanceof Incident.RuleUnresolved) {
      Incident.RuleUnresolved unresolved = (Incident.RuleUnresolved) incident;
      commit(
          unresolved.rule(), unresolved.location(), true, unresolved.problem(), unresolved.hint());
      return true;
    }
    if (incident instanceof Incident.RuleNotMatched) {
      Incident.RuleNotMatched notMatched = (Incident.RuleNotMatched) incident;
      commit(
          notMatched.rule(),
          notMatched.location(),
          false,
          notMatched.target() + " has not loaded after " + notMatched.after().toSeconds() + "s",
          null);
      return true;
    }
    return false;
  }

  private static void commit(
      String rule, String location, boolean classLoaded, String problem, @Nullable String hint) {
    RuleUnresolvedEvent event = new RuleUnresolvedEvent();
    if (event.isEnabled()) {
      event.rule = rule;
      event.location = location;
      event.classLoaded = classLoaded;
      event.problem = problem;
      event.hint = hint;
      event.commit();
    }
  }

  private static @Nullable String className(@Nullable Throwable failure) {
    return failure == null ? null : failure.getClass().getName();
  }

  private static @Nullable String message(@Nullable Throwable failure) {
    return failure == null ? null : failure.getMessage();
  }

  /** Until a class is rewritten for its kind, a rule has no live collection (nor their classes). */
  private static long liveSize(Rule rule) {
    return BootClasses.available(BootSet.COLLECTIONS) ? LiveCollections.size(rule) : 0;
  }
}
