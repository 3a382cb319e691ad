package io.heapwarden.agent.config;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LoggingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * From what the schema walk found to the {@link AgentConfig}: settings with their defaults, each
 * rule list's entries through its {@link RuleSection}, and the checks that span keys (a pressure
 * warn threshold below its critical one).
 */
final class ModelBuilder {
  private final LoadContext context;

  ModelBuilder(LoadContext context) {
    this.context = context;
  }

  AgentConfig build(ConfigSection top) {
    LoggingSettings logging =
        new LoggingSettings(
            top.get("logging.level", LogLevel.class, LoggingSettings.DEFAULTS.level()),
            top.get(
                    "logging.lines-per-minute",
                    Long.class,
                    (long) LoggingSettings.DEFAULTS.linesPerMinute())
                .intValue());
    TelemetrySettings telemetry =
        new TelemetrySettings(
            top.get("telemetry.interval", Duration.class, TelemetrySettings.DEFAULTS.interval()),
            top.get("telemetry.jfr", Boolean.class, TelemetrySettings.DEFAULTS.jfr()),
            top.get("telemetry.micrometer", Boolean.class, TelemetrySettings.DEFAULTS.micrometer()),
            top.get("telemetry.mbean", Boolean.class, TelemetrySettings.DEFAULTS.mbean()),
            top.get(
                "telemetry.not-matched-after",
                Duration.class,
                TelemetrySettings.DEFAULTS.notMatchedAfter()));
    ReloadSettings reload =
        new ReloadSettings(
            top.get("reload.watch", Boolean.class, ReloadSettings.DEFAULTS.watch()),
            top.get("reload.interval", Duration.class, ReloadSettings.DEFAULTS.interval()));
    List<RuleSpec> rules = new ArrayList<>();
    Map<String, RuleEntry> claimed = new HashMap<>();
    for (RuleSection<?> section : context.schema().sections()) {
      for (ConfigSection entry : top.list(section.name())) {
        RuleEntry ruleEntry = new RuleEntry(entry, context);
        RuleSpec rule = section.read(ruleEntry);
        if (rule != null) {
          checkClaim(rule, ruleEntry, claimed);
          rules.add(rule);
        }
      }
    }
    return new AgentConfig(
        context.source,
        top.get("strict", Boolean.class, false),
        logging,
        telemetry,
        reload,
        rules,
        pressure(top),
        discover(top),
        admin(top),
        prometheus(top));
  }

  /** {@code admin:}, on when the file has the section or an override sets the port. */
  private static AdminSettings admin(ConfigSection top) {
    if (!top.present.containsKey("admin") && top.get("admin.port") == null) {
      return AdminSettings.OFF;
    }
    AdminSettings d = AdminSettings.OFF;
    return new AdminSettings(
        true,
        top.get("admin.port", Integer.class, d.port()),
        top.get("admin.bind", String.class, d.bind()),
        top.get("admin.token", String.class, null),
        top.get("admin.cleanup-interval", Duration.class, d.cleanupInterval()));
  }

  /**
   * {@code telemetry.prometheus:}, on when the file has the section or an override sets the port;
   * sharing the admin port needs the same bind address (one server, one socket).
   */
  private PrometheusSettings prometheus(ConfigSection top) {
    if (!top.present.containsKey("telemetry.prometheus")
        && top.get("telemetry.prometheus.port") == null) {
      return PrometheusSettings.OFF;
    }
    PrometheusSettings settings =
        new PrometheusSettings(
            true,
            top.get("telemetry.prometheus.port", Integer.class, 0),
            top.get("telemetry.prometheus.bind", String.class, AdminSettings.LOOPBACK));
    AdminSettings admin = admin(top);
    if (admin.enabled()
        && settings.port() != 0
        && settings.port() == admin.port()
        && !settings.bind().equals(admin.bind())) {
      ConfigSection.Value where = top.values.get("telemetry.prometheus.bind");
      if (where == null) {
        where = top.values.get("telemetry.prometheus.port");
      }
      context.problems.add(
          new ConfigProblem(
              where == null ? SourcePosition.of(context.source) : where.position(),
              "telemetry.prometheus.bind",
              "must be admin.bind ("
                  + admin.bind()
                  + ") when the port is the admin port, got "
                  + settings.bind(),
              "use the same bind address for both, or another port for /metrics"));
    }
    return settings;
  }

  /**
   * {@code discover:}, on when the file has the section or an override names packages (an override
   * of the period alone tracks nothing, so it does not turn discovery on).
   */
  private DiscoverySettings discover(ConfigSection top) {
    if (!top.present.containsKey("discover") && top.get("discover.packages") == null) {
      return DiscoverySettings.OFF;
    }
    @SuppressWarnings("unchecked")
    List<String> packages = top.get("discover.packages", List.class, List.of());
    return new DiscoverySettings(
        true,
        packages,
        top.get("discover.period", Duration.class, DiscoverySettings.DEFAULT_PERIOD),
        top.get("discover.old-object-samples", Boolean.class, false));
  }

  /**
   * Two rules with one {@link RuleSpec#claim() claim} (two on one field, of any kinds) would leave
   * all but the first without effect: the second is a problem that names both.
   */
  private void checkClaim(RuleSpec rule, RuleEntry entry, Map<String, RuleEntry> claimed) {
    RuleEntry first = claimed.putIfAbsent(rule.claim(), entry);
    if (first != null) {
      entry.problem(
          entry.position(),
          "targets " + rule.target() + ", as " + first.display() + " does at " + first.position(),
          "keep one of the two rules; a target takes one rule");
    }
  }

  /**
   * {@code pressure:}, with warn below critical and a heap dump path that can be written; the guard
   * is on when the file has it.
   */
  private PressureSettings pressure(ConfigSection top) {
    PressureSettings d = PressureSettings.OFF;
    boolean enabled = top.present.containsKey("pressure");
    for (String key : top.values.keySet()) {
      enabled |= key.startsWith("pressure."); // an override alone turns it on too
    }
    double heapWarn = top.get("pressure.heap.warn", Double.class, d.heapWarn());
    double heapCritical = top.get("pressure.heap.critical", Double.class, d.heapCritical());
    double containerWarn = top.get("pressure.container.warn", Double.class, d.containerWarn());
    double containerCritical =
        top.get("pressure.container.critical", Double.class, d.containerCritical());
    checkBelow(top, "pressure.heap", heapWarn, heapCritical);
    checkBelow(top, "pressure.container", containerWarn, containerCritical);
    return new PressureSettings(
        enabled,
        heapWarn,
        heapCritical,
        containerWarn,
        containerCritical,
        top.limit("pressure.container.limit"),
        top.get("pressure.on-critical.trim-to", Double.class, d.trimTo()),
        top.get("pressure.on-critical.idle-timeout", Duration.class, d.idleTimeout()),
        top.get("pressure.on-critical.gc", Boolean.class, d.gc()),
        top.get("pressure.on-critical.trim-native", Boolean.class, d.trimNative()),
        top.get("pressure.on-critical.min-interval", Duration.class, d.minInterval()),
        heapDumpPath(top),
        top.get("pressure.heap-dump.on", PressureSettings.HeapDumpOn.class, d.heapDumpOn()),
        top.get("pressure.on-critical.trim-floor", Double.class, d.trimFloor()),
        top.get("pressure.on-critical.exit-after", Duration.class, d.exitAfter()));
  }

  private @Nullable String heapDumpPath(ConfigSection top) {
    String key = "pressure.heap-dump.path";
    String path = top.get(key, String.class, null);
    ConfigSection.Value given = top.values.get(key);
    if (path != null && given != null) {
      WritableFile.check(context, path, given.position(), key);
    }
    return path;
  }

  /** A warn threshold at or above its critical one would skip warn; said at the warn key. */
  private void checkBelow(ConfigSection top, String section, double warn, double critical) {
    if (warn < critical) {
      return;
    }
    ConfigSection.Value where = top.values.get(section + ".warn");
    if (where == null) {
      where = top.values.get(section + ".critical");
    }
    context.problems.add(
        new ConfigProblem(
            where == null ? SourcePosition.of(context.source) : where.position(),
            section + ".warn",
            "must be below critical ("
                + Units.formatRatio(critical)
                + "), got "
                + Units.formatRatio(warn),
            "e.g. warn: "
                + Units.formatRatio(Math.max(0, critical - 0.15))
                + ", critical: "
                + Units.formatRatio(critical)));
  }
}
