package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;

/** A validated configuration. {@code source} names the file (or "defaults" when none was given). */
public record AgentConfig(
    String source,
    boolean strict,
    LoggingSettings logging,
    TelemetrySettings telemetry,
    ReloadSettings reload,
    List<CollectionRule> collections,
    List<SingletonRule> singletons,
    List<InstanceRule> instances,
    PressureSettings pressure) {

  public AgentConfig {
    collections = List.copyOf(collections);
    singletons = List.copyOf(singletons);
    instances = List.copyOf(instances);
    pressure = pressure == null ? PressureSettings.OFF : pressure;
  }

  /** A config without a {@code pressure:} section (the guard off). */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<CollectionRule> collections,
      List<SingletonRule> singletons,
      List<InstanceRule> instances) {
    this(
        source,
        strict,
        logging,
        telemetry,
        reload,
        collections,
        singletons,
        instances,
        PressureSettings.OFF);
  }

  /** The configuration when no file is given: telemetry on, no rules. */
  public static AgentConfig defaults() {
    return new AgentConfig(
        "defaults",
        false,
        LoggingSettings.DEFAULTS,
        TelemetrySettings.DEFAULTS,
        ReloadSettings.DEFAULTS,
        List.of(),
        List.of(),
        List.of());
  }

  /** Every rule in file order: collections, then singletons, then instances. */
  public List<RuleSpec> rules() {
    List<RuleSpec> all = new ArrayList<>(collections);
    all.addAll(singletons);
    all.addAll(instances);
    return all;
  }
}
