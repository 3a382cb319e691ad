package io.heapwarden.agent.status;

import io.heapwarden.agent.log.AgentLog;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * Registers the {@link AgentStatus} as {@value #NAME} in the platform MBean server, and removes it.
 * The only class of the agent that touches {@code javax.management} for the status: it is loaded
 * when the agent's background thread registers the MBean ({@code telemetry.mbean: true}), one
 * telemetry interval after start, never on the premain path. A failure is logged once and leaves
 * the agent running without the MBean.
 */
public final class StatusMBean {
  /** The MBean's name, what {@code heapwarden status} looks up. */
  public static final String NAME = "io.heapwarden:type=Agent";

  /** The longest the agent waits after its start before it registers the MBean. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(30);

  private final AgentStatus status;
  private @Nullable ObjectName registered; // guarded by this
  private boolean failed; // guarded by this: warn once

  public StatusMBean(AgentStatus status) {
    this.status = status;
  }

  /** Registers the MBean when {@code on} and removes it when not; repeated calls change nothing. */
  public synchronized void apply(boolean on) {
    try {
      if (on && registered == null) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(NAME);
        server.registerMBean(status, name);
        registered = name;
      } else if (!on && registered != null) {
        ObjectName name = registered;
        registered = null;
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
      }
    } catch (Throwable failure) {
      if (!failed) {
        failed = true;
        AgentLog.get(StatusMBean.class)
            .warn(
                "the status MBean {} is not available; the agent runs on without it",
                NAME,
                failure);
      }
    }
  }

  /** Whether the MBean is registered by this instance. */
  public synchronized boolean registered() {
    return registered != null;
  }
}
