package io.heapwarden.agent.config;

import io.heapwarden.bootstrap.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a config as YAML in the schema's order, every setting with its effective value (defaults
 * filled in, marked {@code # default}) and every rule with its target's source line. The output
 * loads back to the same config.
 */
public final class ConfigPrinter {
  private static final String INDENT = "  ";

  private ConfigPrinter() {}

  /** The config as YAML. */
  public static String toYaml(AgentConfig config) {
    List<String> lines = new ArrayList<>();
    for (ConfigSchema.Key key : ConfigSchema.children("")) {
      switch (key.type()) {
        case SECTION:
          if (key.path().equals("pressure") && !config.pressure().enabled()) {
            break; // no pressure: section, no guard
          }
          lines.add(key.name() + ":");
          printMapping(key.path(), config, INDENT, lines);
          break;
        case LIST:
          List<? extends RuleSpec> rules = rulesOf(key.path(), config);
          lines.add(key.name() + ":" + (rules.isEmpty() ? " []" : ""));
          for (RuleSpec rule : rules) {
            List<String> ruleLines = new ArrayList<>();
            printMapping(key.path() + "[]", rule, "", ruleLines);
            for (int i = 0; i < ruleLines.size(); i++) {
              String line = ruleLines.get(i);
              if (i == 0) {
                lines.add(INDENT + "- " + line + "  # " + rule.position());
              } else {
                lines.add(INDENT + INDENT + line);
              }
            }
          }
          break;
        default:
          addScalar(key, config, "", lines);
      }
    }
    StringBuilder yaml = new StringBuilder();
    for (String line : lines) {
      yaml.append(line).append('\n');
    }
    return yaml.toString();
  }

  private static void printMapping(String path, Object owner, String indent, List<String> lines) {
    for (ConfigSchema.Key key : ConfigSchema.children(path)) {
      if (key.path().equals("pressure.heap-dump")
          && ((AgentConfig) owner).pressure().heapDumpPath() == null) {
        continue; // no heap dump wanted
      }
      if (key.type() == ConfigSchema.Type.SECTION) {
        List<String> inner = new ArrayList<>();
        printMapping(key.path(), owner, indent + INDENT, inner);
        if (!inner.isEmpty()) {
          lines.add(indent + key.name() + ":");
          lines.addAll(inner);
        }
      } else {
        addScalar(key, owner, indent, lines);
      }
    }
  }

  private static void addScalar(
      ConfigSchema.Key key, Object owner, String indent, List<String> lines) {
    String value = format(key, valueOf(key.path(), owner));
    if (value != null) {
      boolean isDefault = value.equals(key.defaultText());
      lines.add(indent + key.name() + ": " + value + (isDefault ? "  # default" : ""));
    }
  }

  /** A value as the config file writes it; null for an unset limit or an absent name. */
  static String format(ConfigSchema.Key key, Object value) {
    if (value == null) {
      return null;
    }
    switch (key.type()) {
      case SIZE:
        return Units.formatSize((Long) value);
      case DURATION:
        return Units.formatDuration((Duration) value);
      case RATIO:
        return Units.formatRatio((Double) value);
      case ENUM:
        return ConfigSchema.choiceName((Enum<?>) value);
      default:
        return value.toString();
    }
  }

  private static List<? extends RuleSpec> rulesOf(String path, AgentConfig config) {
    switch (path) {
      case "collections":
        return config.collections();
      case "singletons":
        return config.singletons();
      case "instances":
        return config.instances();
      case "sessions":
        return config.sessions();
      default:
        throw new IllegalArgumentException("no rule list at " + path);
    }
  }

  /**
   * The value of the scalar key at {@code path}: {@code owner} is the {@link AgentConfig} for
   * settings, the rule for rule keys. Null for an unset limit or the absent one of class/method.
   */
  static Object valueOf(String path, Object owner) {
    switch (path) {
      case "strict":
        return ((AgentConfig) owner).strict();
      case "logging.level":
        return ((AgentConfig) owner).logging().level();
      case "logging.lines-per-minute":
        return (long) ((AgentConfig) owner).logging().linesPerMinute();
      case "telemetry.interval":
        return ((AgentConfig) owner).telemetry().interval();
      case "telemetry.jfr":
        return ((AgentConfig) owner).telemetry().jfr();
      case "telemetry.micrometer":
        return ((AgentConfig) owner).telemetry().micrometer();
      case "reload.watch":
        return ((AgentConfig) owner).reload().watch();
      case "reload.interval":
        return ((AgentConfig) owner).reload().interval();
      // ---- pressure ----
      case "pressure.heap.warn":
        return ((AgentConfig) owner).pressure().heapWarn();
      case "pressure.heap.critical":
        return ((AgentConfig) owner).pressure().heapCritical();
      case "pressure.container.warn":
        return ((AgentConfig) owner).pressure().containerWarn();
      case "pressure.container.critical":
        return ((AgentConfig) owner).pressure().containerCritical();
      case "pressure.container.limit":
        return limit(((AgentConfig) owner).pressure().containerLimit());
      case "pressure.on-critical.trim-to":
        return ((AgentConfig) owner).pressure().trimTo();
      case "pressure.on-critical.idle-timeout":
        return ((AgentConfig) owner).pressure().idleTimeout();
      case "pressure.on-critical.gc":
        return ((AgentConfig) owner).pressure().gc();
      case "pressure.on-critical.trim-native":
        return ((AgentConfig) owner).pressure().trimNative();
      case "pressure.on-critical.min-interval":
        return ((AgentConfig) owner).pressure().minInterval();
      case "pressure.on-critical.trim-floor":
        return ((AgentConfig) owner).pressure().trimFloor();
      case "pressure.on-critical.exit-after":
        return ((AgentConfig) owner).pressure().exitAfter();
      case "pressure.heap-dump.path":
        return ((AgentConfig) owner).pressure().heapDumpPath();
      case "pressure.heap-dump.on":
        return ((AgentConfig) owner).pressure().heapDumpOn();
      case "collections[].field":
        return ((CollectionRule) owner).field();
      case "collections[].max-entries":
        return limit(((CollectionRule) owner).maxEntries());
      case "collections[].max-bytes":
        return limit(((CollectionRule) owner).maxBytes());
      case "collections[].eviction":
        return ((CollectionRule) owner).eviction();
      case "collections[].values.max-entries":
        return limit(((CollectionRule) owner).valuesMaxEntries());
      case "singletons[].class":
        return ((SingletonRule) owner).className();
      case "singletons[].method":
        return ((SingletonRule) owner).method();
      case "singletons[].key":
        return ((SingletonRule) owner).key();
      case "singletons[].scope":
        return ((SingletonRule) owner).scope();
      case "singletons[].on-close":
        return ((SingletonRule) owner).onClose();
      case "instances[].class":
        return ((InstanceRule) owner).className();
      case "instances[].max-live":
        return limit(((InstanceRule) owner).maxLive());
      case "sessions[].field":
        return ((SessionRule) owner).field();
      case "sessions[].preset":
        return ((SessionRule) owner).preset();
      case "sessions[].max-sessions":
        return limit(((SessionRule) owner).maxSessions());
      case "sessions[].idle-timeout":
        return ((SessionRule) owner).idleTimeout();
      case "sessions[].window":
        return limit(((SessionRule) owner).window());
      case "sessions[].max-bytes-per-session":
        return limit(((SessionRule) owner).maxBytesPerSession());
      case "sessions[].on-evict":
        return ((SessionRule) owner).onEvict();
      default:
        throw new IllegalArgumentException("no value for " + path);
    }
  }

  private static Long limit(long value) {
    return value == Limit.UNSET ? null : value;
  }
}
