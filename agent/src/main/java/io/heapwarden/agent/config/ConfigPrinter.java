package io.heapwarden.agent.config;

import io.heapwarden.bootstrap.Limit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Prints a config as YAML in the schema's order, every setting with its effective value (defaults
 * filled in, marked {@code # default}) and every rule with its target's source line. The output
 * loads back to the same config, but for a secret, which prints hidden.
 */
public final class ConfigPrinter {
  private static final String INDENT = "  ";

  private ConfigPrinter() {}

  /** The config as YAML. */
  public static String toYaml(ConfigSchema schema, AgentConfig config) {
    List<String> lines = new ArrayList<>();
    for (ConfigKey key : schema.children("")) {
      switch (key.type()) {
        case SECTION:
          if (key.path().equals("pressure") && !config.pressure().enabled()) {
            break; // no pressure: section, no guard
          }
          if (key.path().equals("discover") && !config.discover().enabled()) {
            break; // no discover: section, no discovery
          }
          if (key.path().equals("admin") && !config.admin().enabled()) {
            break; // no admin: section, no admin port
          }
          lines.add(key.name() + ":");
          printMapping(schema, key.path(), config, INDENT, lines);
          break;
        case LIST:
          // every list key is a rule section's
          List<? extends RuleSpec> rules =
              config.rules(Objects.requireNonNull(schema.section(key.path())).type());
          lines.add(key.name() + ":" + (rules.isEmpty() ? " []" : ""));
          for (RuleSpec rule : rules) {
            List<String> ruleLines = new ArrayList<>();
            printMapping(schema, key.path() + "[]", rule, "", ruleLines);
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
          addScalar(schema, key, config, "", lines);
      }
    }
    StringBuilder yaml = new StringBuilder();
    for (String line : lines) {
      yaml.append(line).append('\n');
    }
    return yaml.toString();
  }

  private static void printMapping(
      ConfigSchema schema, String path, Object owner, String indent, List<String> lines) {
    for (ConfigKey key : schema.children(path)) {
      if (key.path().equals("pressure.heap-dump")
          && ((AgentConfig) owner).pressure().heapDumpPath() == null) {
        continue; // no heap dump wanted
      }
      if (key.path().equals("telemetry.prometheus")
          && !((AgentConfig) owner).prometheus().enabled()) {
        continue; // no Prometheus port
      }
      if (key.type() == ConfigKey.Type.SECTION) {
        List<String> inner = new ArrayList<>();
        printMapping(schema, key.path(), owner, indent + INDENT, inner);
        if (!inner.isEmpty()) {
          lines.add(indent + key.name() + ":");
          lines.addAll(inner);
        }
      } else {
        addScalar(schema, key, owner, indent, lines);
      }
    }
  }

  private static void addScalar(
      ConfigSchema schema, ConfigKey key, Object owner, String indent, List<String> lines) {
    String value = format(key, valueOf(schema, key.path(), owner));
    if (value != null) {
      boolean isDefault = value.equals(key.defaultText());
      lines.add(indent + key.name() + ": " + value + (isDefault ? "  # default" : ""));
    }
  }

  /** How a secret prints. */
  static final String HIDDEN = "(hidden)";

  /**
   * A value as the config file writes it, a secret as {@value #HIDDEN}; null for an unset limit or
   * an absent name.
   */
  @SuppressWarnings("unchecked") // a PACKAGES value is a List<String>
  static @Nullable String format(ConfigKey key, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    switch (key.type()) {
      case SIZE:
        return Units.formatSize((Long) value);
      case DURATION:
        return ((Duration) value).isZero() ? "off" : Units.formatDuration((Duration) value);
      case RATIO:
        return Units.formatRatio((Double) value);
      case ENUM:
        return ConfigSchema.choiceName((Enum<?>) value);
      case PACKAGES:
        return "[" + String.join(", ", (List<String>) value) + "]";
      case SECRET:
        return HIDDEN; // the token never reaches a log, a reload report or the CLI's print
      default:
        return value.toString();
    }
  }

  /**
   * The value of the scalar key at {@code path}: {@code owner} is the {@link AgentConfig} for
   * settings, the rule for rule keys. Null for an unset limit or the absent one of class/method.
   */
  static @Nullable Object valueOf(ConfigSchema schema, String path, Object owner) {
    if (owner instanceof RuleSpec) {
      int items = path.indexOf("[].");
      RuleSection<?> section = Objects.requireNonNull(schema.section(path.substring(0, items)));
      return ruleValue(section, owner, path.substring(items + 3)); // a rule key is in its section
    }
    AgentConfig config = (AgentConfig) owner;
    switch (path) {
      case "strict":
        return config.strict();
      case "logging.level":
        return config.logging().level();
      case "logging.lines-per-minute":
        return (long) config.logging().linesPerMinute();
      case "telemetry.interval":
        return config.telemetry().interval();
      case "telemetry.jfr":
        return config.telemetry().jfr();
      case "telemetry.micrometer":
        return config.telemetry().micrometer();
      case "telemetry.mbean":
        return config.telemetry().mbean();
      case "telemetry.not-matched-after":
        return config.telemetry().notMatchedAfter();
      case "telemetry.prometheus.port":
        return config.prometheus().enabled() ? config.prometheus().port() : null;
      case "telemetry.prometheus.bind":
        return config.prometheus().bind();
      case "reload.watch":
        return config.reload().watch();
      case "reload.interval":
        return config.reload().interval();
      // ---- pressure ----
      case "pressure.heap.warn":
        return config.pressure().heapWarn();
      case "pressure.heap.critical":
        return config.pressure().heapCritical();
      case "pressure.container.warn":
        return config.pressure().containerWarn();
      case "pressure.container.critical":
        return config.pressure().containerCritical();
      case "pressure.container.limit":
        return limit(config.pressure().containerLimit());
      case "pressure.on-critical.trim-to":
        return config.pressure().trimTo();
      case "pressure.on-critical.idle-timeout":
        return config.pressure().idleTimeout();
      case "pressure.on-critical.gc":
        return config.pressure().gc();
      case "pressure.on-critical.trim-native":
        return config.pressure().trimNative();
      case "pressure.on-critical.min-interval":
        return config.pressure().minInterval();
      case "pressure.on-critical.trim-floor":
        return config.pressure().trimFloor();
      case "pressure.on-critical.exit-after":
        return config.pressure().exitAfter();
      case "pressure.heap-dump.path":
        return config.pressure().heapDumpPath();
      case "pressure.heap-dump.on":
        return config.pressure().heapDumpOn();
      // ---- discover ----
      case "discover.packages":
        return config.discover().enabled() ? config.discover().packages() : null;
      case "discover.period":
        return config.discover().period();
      case "discover.old-object-samples":
        return config.discover().oldObjectSamples();
      // ---- admin ----
      case "admin.port":
        return config.admin().enabled() ? config.admin().port() : null;
      case "admin.bind":
        return config.admin().bind();
      case "admin.token":
        return config.admin().token();
      case "admin.cleanup-interval":
        return config.admin().cleanupInterval();
      default:
        throw new IllegalArgumentException("no value for " + path);
    }
  }

  private static <R extends RuleSpec> @Nullable Object ruleValue(
      RuleSection<R> section, Object rule, String key) {
    return section.valueOf(section.type().cast(rule), key);
  }

  /** A limit as the printer shows it: null (not printed) when unset. */
  public static @Nullable Long limit(long value) {
    return value == Limit.UNSET ? null : value;
  }
}
