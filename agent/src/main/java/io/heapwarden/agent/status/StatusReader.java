package io.heapwarden.agent.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.jspecify.annotations.Nullable;

/**
 * Reads the status MBean through a JMX connection, with open types only: nothing of the agent's
 * classes is needed on the reading side, so an agent of another version can be read too (an item it
 * lacks is left out).
 */
final class StatusReader {
  /** The items of a rule, in the order of the table and the JSON. */
  static final List<String> RULE_ITEMS =
      List.of(
          "id",
          "kind",
          "target",
          "bound",
          "limits",
          "size",
          "collections",
          "evictions",
          "trims",
          "created",
          "reuses",
          "failures",
          "enabled",
          "matched");

  private StatusReader() {}

  /** The MBean's attributes, or null when the JVM has no such MBean (no agent, or it is off). */
  static @Nullable StatusSnapshot read(MBeanServerConnection connection, long pid)
      throws IOException, JMException {
    ObjectName name = new ObjectName(StatusMBean.NAME);
    if (!connection.isRegistered(name)) {
      return null;
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    Object[] entries = (Object[]) connection.getAttribute(name, "Rules");
    for (Object entry : entries) {
      CompositeData rule = (CompositeData) entry;
      Map<String, Object> items = new LinkedHashMap<>();
      for (String item : RULE_ITEMS) {
        if (rule.containsKey(item) && rule.get(item) != null) {
          items.put(item, rule.get(item));
        }
      }
      rules.add(items);
    }
    return new StatusSnapshot(
        pid,
        String.valueOf(connection.getAttribute(name, "Version")),
        Boolean.TRUE.equals(connection.getAttribute(name, "Active")),
        String.valueOf(connection.getAttribute(name, "ConfigFile")),
        String.valueOf(connection.getAttribute(name, "PressureLevel")),
        rules);
  }
}
