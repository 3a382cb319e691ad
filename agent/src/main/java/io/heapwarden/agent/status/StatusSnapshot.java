package io.heapwarden.agent.status;

import java.util.List;
import java.util.Map;

/**
 * The MBean's attributes as {@code heapwarden status} read them: plain values, each rule an ordered
 * map from the item names of its {@code CompositeData} ({@link StatusReader#RULE_ITEMS}) to their
 * values (a String, Long, Integer or Boolean).
 */
record StatusSnapshot(
    long pid,
    String version,
    boolean active,
    String configFile,
    String pressureLevel,
    List<Map<String, Object>> rules) {
  StatusSnapshot {
    rules = List.copyOf(rules);
  }
}
