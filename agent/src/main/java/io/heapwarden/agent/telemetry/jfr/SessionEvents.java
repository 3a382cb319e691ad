package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.bootstrap.sessions.SessionStats;

/**
 * Drains the session eviction tallies and samples into JFR events, once per telemetry tick. The
 * hooks never commit events: they only add to {@link SessionStats}.
 */
final class SessionEvents {
  private SessionEvents() {}

  static void emit(long intervalNanos) {
    for (SessionStats.Summary summary : SessionStats.drainSummaries()) {
      SessionEvictionsEvent event = new SessionEvictionsEvent();
      if (!event.isEnabled()) {
        break;
      }
      event.rule = summary.rule().name();
      event.reason = summary.reason().tag();
      event.count = summary.count();
      event.maxAge = summary.maxAgeNanos();
      event.averageAge = summary.avgAgeNanos();
      event.maxIdle = summary.maxIdleNanos();
      event.averageIdle = summary.avgIdleNanos();
      event.estimatedSize = summary.estimatedBytes();
      event.interval = intervalNanos;
      event.commit();
    }
    for (SessionStats.Sample sample : SessionStats.drainSamples()) {
      SessionEvictedEvent event = new SessionEvictedEvent();
      if (!event.isEnabled()) {
        break;
      }
      event.rule = sample.rule().name();
      event.reason = sample.reason().tag();
      event.age = sample.ageNanos();
      event.idle = sample.idleNanos();
      event.estimatedSize = sample.estimatedBytes();
      event.commit();
    }
  }
}
