package io.heapwarden.agent.telemetry.micrometer;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.telemetry.AgentCounters;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.SessionStats;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Registers the agent's meters in the service's own Micrometer, found by reflection: the agent does
 * not bundle Micrometer, because meters in a private copy would never reach the registries
 * (Prometheus, Datadog, ...) that the service's Spring Boot actuator or own code set up. Meters go
 * into {@code io.micrometer.core.instrument.Metrics.globalRegistry} of a given class loader, a
 * composite that Spring Boot adds its registries to and that passes meters on to registries added
 * later.
 *
 * <p>Only JDK types cross the boundary: names and tags as {@code String}s, values as {@link
 * ToDoubleFunction}s over our own state, read at scrape time. Nothing is pushed; the service's
 * operations never touch Micrometer through the agent.
 */
public final class MicrometerBridge {
  /** The class whose loading tells the agent that a class loader has Micrometer. */
  public static final String METRICS_CLASS = "io.micrometer.core.instrument.Metrics";

  private static final String PACKAGE = "io.micrometer.core.instrument.";
  private static final Action[] COLLECTION_ACTIONS = {Action.EVICTED, Action.TRIMMED};
  private static final Action[] SINGLETON_ACTIONS = {Action.CREATED, Action.REUSED};
  private static final Action[] NO_ACTIONS = {};

  private final Supplier<List<Rule>> rules;
  private final AgentCounters counters;

  /**
   * @param rules the rules to expose (read once per {@link #bind}); the meters hold them only
   *     weakly, so they must stay referenced elsewhere, as the rule table does
   * @param counters the agent-wide counts; must stay referenced elsewhere too
   */
  public MicrometerBridge(Supplier<List<Rule>> rules, AgentCounters counters) {
    this.rules = rules;
    this.counters = counters;
  }

  /**
   * The meter name for one action of a rule: {@code heapwarden.<kind>.<action>}, or {@code
   * heapwarden.rule.failures} for {@link Action#FAILED} whatever the kind.
   */
  public static String meterName(RuleKind kind, Action action) {
    return action == Action.FAILED
        ? "heapwarden.rule.failures"
        : "heapwarden." + kind.meterPrefix() + "." + action.meterSuffix();
  }

  /** The actions a rule of {@code kind} has meters for, besides failures. */
  public static Action[] meteredActions(RuleKind kind) {
    switch (kind) {
      case COLLECTION:
        return COLLECTION_ACTIONS.clone();
      case SINGLETON:
        return SINGLETON_ACTIONS.clone();
      default:
        return NO_ACTIONS;
    }
  }

  /**
   * Registers every meter in the global registry of {@code loader}'s Micrometer. Registering twice
   * is harmless: Micrometer keeps the first meter of an id.
   *
   * @return the number of meters registered
   * @throws ReflectiveOperationException when that Micrometer cannot be used as expected (an {@link
   *     InvocationTargetException} carries Micrometer's own failure)
   */
  public int bind(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> metrics = Class.forName(METRICS_CLASS, true, loader);
    Object registry = metrics.getField("globalRegistry").get(null);
    Registrar registrar = new Registrar(loader, registry);
    int registered = 0;
    for (Rule rule : rules.get()) {
      for (Action action : meteredActions(rule.kind())) {
        registrar.counter(
            meterName(rule.kind(), action),
            rule,
            new RuleCount(action),
            describe(action),
            baseUnit(action),
            "rule",
            rule.name());
        registered++;
      }
      if (rule.kind() == RuleKind.COLLECTION) {
        registrar.gauge(
            "heapwarden.collection.size",
            rule,
            new CollectionSize(),
            "Entries held by the live collections a Heapwarden collection rule bounds",
            "entries",
            "rule",
            rule.name());
        registered++;
      }
      if (rule.kind() == RuleKind.SESSION) {
        registered += bindSession(registrar, rule);
      }
      registrar.counter(
          meterName(rule.kind(), Action.FAILED),
          rule,
          new RuleCount(Action.FAILED),
          describe(Action.FAILED),
          baseUnit(Action.FAILED),
          "rule",
          rule.name());
      registered++;
    }
    registrar.gauge(
        "heapwarden.agent.rules",
        this,
        new AgentValue(AgentValue.ENABLED_RULES),
        "Heapwarden rules in force and not disabled by a failure",
        "rules");
    registrar.counter(
        "heapwarden.config.reloads",
        counters,
        new AgentValue(AgentValue.RELOADS),
        "Heapwarden config files applied live",
        "reloads");
    registrar.counter(
        "heapwarden.config.rejections",
        counters,
        new AgentValue(AgentValue.REJECTIONS),
        "Invalid Heapwarden config files rejected; the last good config stayed in force",
        "rejections");
    registrar.counter(
        "heapwarden.transform.failures",
        counters,
        new AgentValue(AgentValue.TRANSFORM_FAILURES),
        "Classes Heapwarden failed to rewrite; they loaded unchanged",
        "failures");
    registrar.gauge(
        "heapwarden.rules.unresolved",
        counters,
        new AgentValue(AgentValue.UNRESOLVED_RULES),
        "Heapwarden rules whose class lacks the field or method they name, or whose field cannot"
            + " be bounded",
        "rules");
    registrar.gauge(
        "heapwarden.rules.unmatched",
        counters,
        new AgentValue(AgentValue.UNMATCHED_RULES),
        "Heapwarden rules reported because their class had not loaded after"
            + " telemetry.not-matched-after",
        "rules");
    registrar.gauge(
        "heapwarden.discover.suspects",
        counters,
        new AgentValue(AgentValue.GROWTH_SUSPECTS),
        "Fields Heapwarden's discovery reported as growing (0 when discovery is off)",
        "fields");
    registered += PressureGauges.register(registrar, this);
    return registered + 7;
  }

  // ---- sessions (issue 5) ----

  /**
   * {@code heapwarden.session.evictions{rule,reason}}, one counter per reason, and {@code
   * heapwarden.session.active{rule}}. A session rule has no per-action meters besides failures: a
   * second {@code heapwarden.session.evictions} without the reason tag would clash in Prometheus.
   */
  private static int bindSession(Registrar registrar, Rule rule)
      throws ReflectiveOperationException {
    for (EvictionReason reason : EvictionReason.values()) {
      registrar.counter(
          "heapwarden.session.evictions",
          rule,
          new SessionEvictions(reason),
          "Sessions a Heapwarden session rule evicted, by reason: capacity (beyond max-sessions),"
              + " idle (idle-timeout) or pressure (only because memory was critical)",
          "evictions",
          "rule",
          rule.name(),
          "reason",
          reason.tag());
    }
    registrar.gauge(
        "heapwarden.session.active",
        rule,
        new CollectionSize(),
        "Sessions held by the live session maps of a Heapwarden session rule",
        "sessions",
        "rule",
        rule.name());
    return EvictionReason.values().length + 1;
  }

  /** A session rule's running total of evictions for one reason. */
  private static final class SessionEvictions implements ToDoubleFunction<Object> {
    private final EvictionReason reason;

    SessionEvictions(EvictionReason reason) {
      this.reason = reason;
    }

    @Override
    public double applyAsDouble(Object rule) {
      return SessionStats.total((Rule) rule, reason);
    }
  }

  /** The number of rules that are enabled now, the value of {@code heapwarden.agent.rules}. */
  public int enabledRules() {
    int enabled = 0;
    for (Rule rule : rules.get()) {
      if (rule.enabled()) {
        enabled++;
      }
    }
    return enabled;
  }

  private static String describe(Action action) {
    switch (action) {
      case EVICTED:
        return "Entries a Heapwarden rule evicted to keep a collection within its bound";
      case TRIMMED:
        return "Entries a Heapwarden rule dropped in emergency trims under memory pressure";
      case CREATED:
        return "Shared instances a Heapwarden rule built for new keys";
      case REUSED:
        return "Times a Heapwarden rule handed out a shared instance instead of a new one";
      default:
        return "Failures of the agent's own code that disabled a Heapwarden rule";
    }
  }

  /**
   * Base units chosen so that Prometheus names stay predictable. Micrometer's Prometheus naming
   * appends a base unit the name does not already end with, then strips the reserved suffix {@code
   * _created}: {@code heapwarden.singleton.created} without a unit would be exposed as {@code
   * heapwarden_singleton_total}. With the unit {@code instances} it is {@code
   * heapwarden_singleton_created_instances_total}.
   */
  private static String baseUnit(Action action) {
    switch (action) {
      case CREATED:
      case REUSED:
        return "instances";
      default:
        return action.meterSuffix();
    }
  }

  /** A rule's running total of one action, as Micrometer reads it. */
  private static final class RuleCount implements ToDoubleFunction<Object> {
    private final Action action;

    RuleCount(Action action) {
      this.action = action;
    }

    @Override
    public double applyAsDouble(Object rule) {
      return ((Rule) rule).total(action);
    }
  }

  /** The entries a collection rule's live collections hold, read without touching them. */
  private static final class CollectionSize implements ToDoubleFunction<Object> {
    @Override
    public double applyAsDouble(Object rule) {
      // until a class is rewritten for its kind, a rule has no live collection (nor their classes)
      return BootClasses.available(BootSet.COLLECTIONS) ? LiveCollections.size((Rule) rule) : 0;
    }
  }

  /** The agent-wide values, as Micrometer reads them. */
  private static final class AgentValue implements ToDoubleFunction<Object> {
    static final int ENABLED_RULES = 0;
    static final int RELOADS = 1;
    static final int REJECTIONS = 2;
    static final int TRANSFORM_FAILURES = 3;
    static final int UNRESOLVED_RULES = 4;
    static final int UNMATCHED_RULES = 5;
    static final int GROWTH_SUSPECTS = 6;

    private final int which;

    AgentValue(int which) {
      this.which = which;
    }

    @Override
    public double applyAsDouble(Object state) {
      switch (which) {
        case ENABLED_RULES:
          return ((MicrometerBridge) state).enabledRules();
        case RELOADS:
          return ((AgentCounters) state).configReloads();
        case REJECTIONS:
          return ((AgentCounters) state).configRejections();
        case UNRESOLVED_RULES:
          return ((AgentCounters) state).unresolvedRules();
        case UNMATCHED_RULES:
          return ((AgentCounters) state).unmatchedRules();
        case GROWTH_SUSPECTS:
          return ((AgentCounters) state).growthSuspects();
        default:
          return ((AgentCounters) state).transformFailures();
      }
    }
  }

  /** The reflective calls into one class loader's Micrometer, looked up once per bind. */
  static final class Registrar {
    private final Object registry;
    private final Builder counters;
    private final Builder gauges;

    Registrar(ClassLoader loader, Object registry) throws ReflectiveOperationException {
      this.registry = registry;
      Class<?> registryType = Class.forName(PACKAGE + "MeterRegistry", false, loader);
      if (!registryType.isInstance(registry)) {
        throw new ClassCastException("Metrics.globalRegistry is not a MeterRegistry");
      }
      this.counters =
          new Builder(Class.forName(PACKAGE + "FunctionCounter", false, loader), registryType);
      this.gauges = new Builder(Class.forName(PACKAGE + "Gauge", false, loader), registryType);
    }

    void counter(
        String name,
        Object state,
        ToDoubleFunction<Object> value,
        String description,
        String baseUnit,
        String... tags)
        throws ReflectiveOperationException {
      counters.register(registry, name, state, value, description, baseUnit, tags);
    }

    void gauge(
        String name,
        Object state,
        ToDoubleFunction<Object> value,
        String description,
        String baseUnit,
        String... tags)
        throws ReflectiveOperationException {
      gauges.register(registry, name, state, value, description, baseUnit, tags);
    }
  }

  /**
   * {@code Meter.builder(String, T, ToDoubleFunction<T>).tags(..).description(..).baseUnit(..)
   * .register(MeterRegistry)} for one meter type.
   */
  private static final class Builder {
    private final Method builder;
    private final Method tags;
    private final Method description;
    private final Method baseUnit;
    private final Method register;

    Builder(Class<?> meterType, Class<?> registryType) throws NoSuchMethodException {
      builder = meterType.getMethod("builder", String.class, Object.class, ToDoubleFunction.class);
      Class<?> builderType = builder.getReturnType();
      tags = builderType.getMethod("tags", String[].class);
      description = builderType.getMethod("description", String.class);
      baseUnit = builderType.getMethod("baseUnit", String.class);
      register = builderType.getMethod("register", registryType);
    }

    void register(
        Object registry,
        String name,
        Object state,
        ToDoubleFunction<Object> value,
        String text,
        String unit,
        String[] tagPairs)
        throws ReflectiveOperationException {
      Object meter = builder.invoke(null, name, state, value);
      meter = tags.invoke(meter, (Object) tagPairs);
      meter = description.invoke(meter, text);
      meter = baseUnit.invoke(meter, unit);
      register.invoke(meter, registry);
    }
  }
}
