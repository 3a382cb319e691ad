package io.heapwarden.agent.status;

import java.util.List;

/**
 * What the agent is doing now, as the platform MBean {@value StatusMBean#NAME}: an MXBean, so its
 * attributes are open types (strings, numbers, a {@code CompositeData[]} of rules) that JConsole,
 * JDK Mission Control's MBean browser and {@code heapwarden status} read without the agent's
 * classes.
 */
public interface AgentStatusMXBean {
  /** The agent jar's version, {@code unknown} when it carries none. */
  String getVersion();

  /** True while at least one rule is in force and not disabled by a failure (or there are none). */
  boolean isActive();

  /** Where the config in force came from: its path, or what stood for one. */
  String getConfigFile();

  /** The memory pressure level: NORMAL, WARN or CRITICAL (NORMAL when the guard is off). */
  String getPressureLevel();

  /** One entry per rule, in rule-id order, companion rules last. */
  List<RuleStatus> getRules();
}
