package io.heapwarden.agent.config;

import io.heapwarden.agent.sessions.SessionPresets;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated configuration. {@code source} names the file (or "defaults" when none was given).
 * {@code sessions} holds the entries as written (presets not expanded), so that the config prints
 * back as it was written; {@link #rules()} expands them.
 */
public record AgentConfig(
    String source,
    boolean strict,
    LoggingSettings logging,
    TelemetrySettings telemetry,
    ReloadSettings reload,
    List<CollectionRule> collections,
    List<SingletonRule> singletons,
    List<InstanceRule> instances,
    List<SessionRule> sessions,
    PressureSettings pressure) {

  public AgentConfig {
    collections = List.copyOf(collections);
    singletons = List.copyOf(singletons);
    instances = List.copyOf(instances);
    sessions = List.copyOf(sessions);
    pressure = pressure == null ? PressureSettings.OFF : pressure;
  }

  /** A configuration without a {@code pressure:} section (the guard off). */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<CollectionRule> collections,
      List<SingletonRule> singletons,
      List<InstanceRule> instances,
      List<SessionRule> sessions) {
    this(
        source,
        strict,
        logging,
        telemetry,
        reload,
        collections,
        singletons,
        instances,
        sessions,
        PressureSettings.OFF);
  }

  /** A configuration without session rules nor a {@code pressure:} section. */
  public AgentConfig(
      String source,
      boolean strict,
      LoggingSettings logging,
      TelemetrySettings telemetry,
      ReloadSettings reload,
      List<CollectionRule> collections,
      List<SingletonRule> singletons,
      List<InstanceRule> instances) {
    this(source, strict, logging, telemetry, reload, collections, singletons, instances, List.of());
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
        List.of(),
        List.of());
  }

  /**
   * Every rule in file order: collections, then singletons, then instances, then sessions, each
   * session preset expanded to one rule per field it bounds. Sessions come last so that adding them
   * never moves the ids of the other rules.
   */
  public List<RuleSpec> rules() {
    List<RuleSpec> all = new ArrayList<>(collections);
    all.addAll(singletons);
    all.addAll(instances);
    if (!sessions.isEmpty()) {
      all.addAll(SessionPresets.expand(sessions)); // the presets load only when used
    }
    return all;
  }
}
