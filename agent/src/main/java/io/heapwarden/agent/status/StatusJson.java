package io.heapwarden.agent.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status as {@code status --json} prints it, read in the service itself rather than through JMX
 * ({@code GET /memory-stats}): the same object, item for item, with no {@code javax.management}
 * class loaded.
 */
public final class StatusJson {
  private StatusJson() {}

  /** The status of {@code status}'s rules now, as one JSON object. */
  public static String of(AgentStatus status) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (RuleStatus rule : status.getRules()) {
      rules.add(items(rule));
    }
    return StatusPrinter.jsonText(
        new StatusSnapshot(
            ProcessHandle.current().pid(),
            status.getVersion(),
            status.isActive(),
            status.getConfigFile(),
            status.getPressureLevel(),
            rules));
  }

  /** A rule's items, in the order of {@code StatusReader.RULE_ITEMS}. */
  private static Map<String, Object> items(RuleStatus rule) {
    Map<String, Object> items = new LinkedHashMap<>();
    items.put("id", rule.getId());
    items.put("kind", rule.getKind());
    items.put("target", rule.getTarget());
    items.put("bound", rule.getBound());
    items.put("limits", rule.getLimits());
    items.put("size", rule.getSize());
    items.put("collections", rule.getCollections());
    items.put("evictions", rule.getEvictions());
    items.put("trims", rule.getTrims());
    items.put("created", rule.getCreated());
    items.put("reuses", rule.getReuses());
    items.put("failures", rule.getFailures());
    items.put("enabled", rule.isEnabled());
    items.put("matched", rule.isMatched());
    return items;
  }
}
