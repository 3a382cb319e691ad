package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.Incident;

/** Commits the JFR events of singletons: and instances: incidents, for {@link JfrSink}. */
final class SingletonEvents {
  private SingletonEvents() {}

  /** False when {@code incident} is not one of these. */
  static boolean commit(Incident incident) {
    if (incident instanceof Incident.SingletonCreated) {
      Incident.SingletonCreated created = (Incident.SingletonCreated) incident;
      SingletonCreatedEvent event = new SingletonCreatedEvent();
      if (event.isEnabled()) {
        event.rule = created.rule().name();
        event.key = created.key();
        event.constructionTime = created.nanos();
        event.commit();
      }
      return true;
    }
    if (incident instanceof Incident.TooManyLive) {
      Incident.TooManyLive tooMany = (Incident.TooManyLive) incident;
      MaxLiveExceededEvent event = new MaxLiveExceededEvent();
      if (event.isEnabled()) {
        event.rule = tooMany.rule().name();
        event.instanceClass = tooMany.instanceClass();
        event.live = tooMany.live();
        event.maxLive = tooMany.limit();
        event.commit();
      }
      return true;
    }
    return incident instanceof Incident.IdentityArguments
        || incident instanceof Incident.CloseIgnored; // log lines only
  }
}
