package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link SessionPolicy} of each session rule, by rule id; set by the agent at install. */
public final class SessionRules {
  private static final SessionPolicy DEFAULT =
      new SessionPolicy(SessionAdapters.get(SessionAdapters.DEFAULT), false);

  private static final ConcurrentHashMap<Integer, SessionPolicy> BY_ID = new ConcurrentHashMap<>();

  private SessionRules() {}

  /** Sets the policy of the session rule {@code ruleId}: its adapter, by name, and on-evict. */
  public static void install(int ruleId, String adapter, boolean closeOnEvict) {
    BY_ID.put(ruleId, new SessionPolicy(SessionAdapters.get(adapter), closeOnEvict));
  }

  /** The policy of {@code rule}: the default adapter, no close, when none was installed. */
  public static SessionPolicy policy(Rule rule) {
    SessionPolicy policy = BY_ID.get(rule.id());
    return policy == null ? DEFAULT : policy;
  }
}
