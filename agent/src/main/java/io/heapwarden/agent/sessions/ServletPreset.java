package io.heapwarden.agent.sessions;

import io.heapwarden.agent.config.OnEvict;
import io.heapwarden.bootstrap.Limit;
import java.time.Duration;
import java.util.List;

/**
 * Jakarta and javax {@code HttpSession}s in embedded Tomcat and Jetty 12: the container's own
 * session map, which holds every session until its inactive interval passes (Tomcat's {@code
 * maxActiveSessions} refuses new sessions instead). The map stays the container's; the agent
 * invalidates sessions through the container (see {@code docs/sessions.md#servlet-preset}).
 * Attribute windows are off unless the entry sets {@code window}: a session attribute is the
 * application's own data.
 */
final class ServletPreset implements SessionPreset {
  static final String ADAPTER = "servlet";

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public List<Target> targets() {
    return List.of(
        // Tomcat 9, 10, 11: StandardManager, PersistentManager and the cluster managers
        Target.of("org.apache.catalina.session.ManagerBase", "sessions", ADAPTER),
        // Jetty 12 core sessions, under the ee8, ee9 and ee10 servlet layers
        Target.of("org.eclipse.jetty.session.DefaultSessionCache", "_sessions", ADAPTER));
  }

  @Override
  public Defaults defaults() {
    return new Defaults(10_000, Duration.ofMinutes(30), Limit.UNSET, OnEvict.NONE);
  }
}
