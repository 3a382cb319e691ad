package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.Incident;

/** Commits the memory pressure guard's JFR events (kept apart from the rule events). */
final class PressureJfr {
  private PressureJfr() {}

  static void commit(Incident incident) {
    if (incident instanceof Incident.PressureChanged) {
      Incident.PressureChanged changed = (Incident.PressureChanged) incident;
      MemoryPressureEvent event = new MemoryPressureEvent();
      if (event.isEnabled()) {
        event.level = changed.level();
        event.previous = changed.previous();
        event.cause = changed.cause();
        event.heapUsed = changed.heapUsed();
        event.heapMax = changed.heapMax();
        event.workingSet = changed.workingSet();
        event.limit = changed.limit();
        event.rss = changed.rss();
        event.commit();
      }
    } else if (incident instanceof Incident.GcNudged) {
      Incident.GcNudged gc = (Incident.GcNudged) incident;
      GcNudgeEvent event = new GcNudgeEvent();
      if (event.isEnabled()) {
        event.mechanism = gc.mechanism();
        event.heapBefore = gc.heapBefore();
        event.heapAfter = gc.heapAfter();
        event.rssBefore = gc.rssBefore();
        event.rssAfter = gc.rssAfter();
        event.nudgeDuration = gc.duration().toNanos();
        event.nativeTrim = gc.nativeTrim();
        event.commit();
      }
    } else if (incident instanceof Incident.BoundsScaled) {
      PressureEscalationEvent.commit((Incident.BoundsScaled) incident);
    } else if (incident instanceof Incident.EmergencyTrimmed) {
      Incident.EmergencyTrimmed trim = (Incident.EmergencyTrimmed) incident;
      EmergencyTrimEvent event = new EmergencyTrimEvent();
      if (event.isEnabled()) {
        event.collections = trim.collections();
        event.sessions = trim.sessions();
        event.dropped = trim.dropped();
        event.deferred = trim.deferred();
        event.commit();
      }
    }
  }
}
