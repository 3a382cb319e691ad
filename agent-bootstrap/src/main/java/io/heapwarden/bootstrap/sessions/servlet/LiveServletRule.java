package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;

/** A {@code servlet} preset rule of the rule table, its limits read live at every use. */
final class LiveServletRule implements ServletRule {
  private final Rule rule;

  LiveServletRule(Rule rule) {
    this.rule = rule;
  }

  Rule rule() {
    return rule;
  }

  @Override
  public long maxSessions() {
    return rule.limit(Limit.MAX_SESSIONS);
  }

  @Override
  public long idleTimeoutMillis() {
    long nanos = rule.limit(Limit.IDLE_TIMEOUT);
    return nanos == Limit.UNSET ? UNSET : Math.max(1, nanos / 1_000_000);
  }

  @Override
  public long window() {
    return rule.limit(Limit.WINDOW);
  }

  @Override
  public boolean enabled() {
    return rule.enabled();
  }

  @Override
  public void evicted(EvictionReason reason, long ageMillis, long idleMillis) {
    rule.count(Action.EVICTED);
  }

  @Override
  public void fail(Throwable failure) {
    rule.fail(failure);
  }
}
