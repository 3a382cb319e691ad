package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a reload changes outside the rules: each setting whose value differs, as {@code key before
 * -> after}, split into those the agent applies live and those read only at start-up. The rules'
 * own limits are compared by the rule installer.
 */
public final class SettingChanges {
  /** Keys read once at start-up: a change waits for a restart. */
  private static final List<String> AT_START =
      List.of(
          "strict",
          "reload.watch",
          "reload.interval",
          "telemetry.not-matched-after",
          "discover.packages", // discovery rewrites classes as they load and starts once
          "discover.period",
          "discover.old-object-samples",
          "telemetry.prometheus.port", // the HTTP servers bind once
          "telemetry.prometheus.bind",
          "admin.port",
          "admin.bind",
          "admin.token",
          "admin.cleanup-interval");

  private SettingChanges() {}

  /** The settings' changes from {@code before} to {@code after}. */
  public static Changes between(ConfigSchema schema, AgentConfig before, AgentConfig after) {
    List<String> applied = new ArrayList<>();
    List<String> needRestart = new ArrayList<>();
    if (before.pressure().enabled() != after.pressure().enabled()) {
      applied.add("pressure " + (after.pressure().enabled() ? "off -> on" : "on -> off"));
    }
    for (ConfigKey key : schema.keys()) {
      if (!key.type().isScalar() || key.path().indexOf('[') >= 0) {
        continue; // sections, and the rules' keys
      }
      Object wasValue = ConfigPrinter.valueOf(schema, key.path(), before);
      Object nowValue = ConfigPrinter.valueOf(schema, key.path(), after);
      String was = ConfigPrinter.format(key, wasValue);
      String now = ConfigPrinter.format(key, nowValue);
      // a secret prints hidden either way: its values are compared, never shown
      boolean changed =
          key.type() == ConfigKey.Type.SECRET
              ? !Objects.equals(wasValue, nowValue)
              : !Objects.equals(was, now);
      if (changed) {
        String change = key.path() + " " + shown(was) + " -> " + shown(now);
        (AT_START.contains(key.path()) ? needRestart : applied).add(change);
      }
    }
    return new Changes(List.copyOf(applied), List.copyOf(needRestart));
  }

  private static String shown(@Nullable String value) {
    return value == null ? "unset" : value;
  }

  /** Changes applied live, and changes that take effect only after a restart. */
  public record Changes(List<String> applied, List<String> needRestart) {}
}
