package io.heapwarden.agent.config;

import io.heapwarden.agent.log.LoggingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated configuration. {@code source} names the file (or "defaults" when none was given).
 * {@code rules} holds the rules as written, list by list in the schema's order (collections,
 * singletons, instances, sessions), each list in file order; a rule's kind may expand an entry into
 * several rules when it installs them (a session preset into one rule per field), so that the
 * config prints back as it was written.
 */
public record AgentConfig(
    String source,
    boolean strict,
    LoggingSettings logging,
    TelemetrySettings telemetry,
    ReloadSettings reload,
    List<RuleSpec> rules,
    PressureSettings pressure,
    DiscoverySettings discover,
    AdminSettings admin,
    PrometheusSettings prometheus) {

  public AgentConfig {
    rules = List.copyOf(rules);
    pressure = pressure == null ? PressureSettings.OFF : pressure;
    discover = discover == null ? DiscoverySettings.OFF : discover;
    admin = admin == null ? AdminSettings.OFF : admin;
    prometheus = prometheus == null ? PrometheusSettings.OFF : prometheus;
  }

  /** A configuration without the admin port or the Prometheus port. */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<RuleSpec> rules,
      PressureSettings pressure,
      DiscoverySettings discover) {
    this(
        source,
        strict,
        logging,
        telemetry,
        reload,
        rules,
        pressure,
        discover,
        AdminSettings.OFF,
        PrometheusSettings.OFF);
  }

  /** A configuration without a {@code discover:} section. */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<RuleSpec> rules,
      PressureSettings pressure) {
    this(source, strict, logging, telemetry, reload, rules, pressure, DiscoverySettings.OFF);
  }

  /** A configuration without a {@code pressure:} section (the guard off). */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<RuleSpec> rules) {
    this(source, strict, logging, telemetry, reload, rules, PressureSettings.OFF);
  }

  /** The configuration when no file is given: telemetry on, no rules. */
  public static AgentConfig defaults() {
    return new AgentConfig(
        "defaults",
        false,
        LoggingSettings.DEFAULTS,
        TelemetrySettings.DEFAULTS,
        ReloadSettings.DEFAULTS,
        List.of());
  }

  /** The rules of one type as written, in file order. */
  public <R extends RuleSpec> List<R> rules(Class<R> type) {
    List<R> matching = new ArrayList<>();
    for (RuleSpec rule : rules) {
      if (type.isInstance(rule)) {
        matching.add(type.cast(rule));
      }
    }
    return matching;
  }
}
