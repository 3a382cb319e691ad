package io.heapwarden.agent.rules;

import static io.heapwarden.agent.config.ConfigKey.choice;
import static io.heapwarden.agent.config.ConfigKey.required;
import static io.heapwarden.agent.config.ConfigKey.scalar;
import static io.heapwarden.agent.config.ConfigKey.section;

import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.ConfigKey;
import io.heapwarden.agent.config.ConfigPrinter;
import io.heapwarden.agent.config.ConfigSchema;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.RuleEntry;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldHook;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code collections:} rules: every store into the field goes through {@code
 * CollectionHooks.onFieldWrite}, which stores a bounded copy. A {@code values:} bound is a
 * companion rule, so that what it evicts inside the values is counted apart from the map's own
 * evictions.
 */
final class CollectionsKind extends Kind<CollectionRule> {
  CollectionsKind() {
    super("collections", "Rules that bound the collection held in a field.", CollectionRule.class);
  }

  @Override
  RuleKind bootKind() {
    return RuleKind.COLLECTION;
  }

  @Override
  BootSet bootSet() {
    return BootSet.COLLECTIONS;
  }

  @Override
  public List<ConfigKey> keys() {
    return List.of(
        required(
            path("field"),
            ConfigKey.Type.FIELD,
            "com.example.chat.ResponseCache.entries",
            "The field that holds the map, set, list or queue to bound."),
        scalar(
            path("max-entries"),
            ConfigKey.Type.COUNT,
            ConfigSchema.UNSET,
            "500",
            "The most entries the collection keeps; adding more evicts."),
        scalar(
            path("max-bytes"),
            ConfigKey.Type.SIZE,
            ConfigSchema.UNSET,
            "10MB",
            "The most estimated retained bytes the collection keeps; adding more evicts."),
        choice(
            path("eviction"),
            Eviction.values(),
            "lru",
            "fifo",
            "Which entry a full map or set gives up: the least recently used, or the oldest"
                + " inserted."),
        section(path("values"), "Bounds for each value of a map whose values are collections."),
        required(
            path("values.max-entries"),
            ConfigKey.Type.COUNT,
            "100",
            "The most entries each collection-valued map value keeps."));
  }

  @Override
  public @Nullable CollectionRule read(RuleEntry entry) {
    if (!entry.has("max-entries") && !entry.has("max-bytes")) {
      entry.problem(entry.position(), "sets no limit", "add max-entries, max-bytes or both");
    }
    FieldRef field = entry.get("field", FieldRef.class, null);
    if (field == null) {
      return null;
    }
    return new CollectionRule(
        field,
        entry.limit("max-entries"),
        entry.limit("max-bytes"),
        entry.get("eviction", Eviction.class, Eviction.LRU),
        entry.limit("values.max-entries"),
        entry.position());
  }

  @Override
  public @Nullable Object valueOf(CollectionRule rule, String key) {
    switch (key) {
      case "field":
        return rule.field();
      case "max-entries":
        return ConfigPrinter.limit(rule.maxEntries());
      case "max-bytes":
        return ConfigPrinter.limit(rule.maxBytes());
      case "eviction":
        return rule.eviction();
      case "values.max-entries":
        return ConfigPrinter.limit(rule.valuesMaxEntries());
      default:
        throw new IllegalArgumentException("no value for " + path(key));
    }
  }

  @Override
  long[] limits(CollectionRule rule) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = rule.maxEntries();
    limits[Limit.MAX_BYTES.ordinal()] = rule.maxBytes();
    limits[Limit.VALUES_MAX_ENTRIES.ordinal()] = rule.valuesMaxEntries();
    return limits;
  }

  /** What is baked into rewritten code, and whether a values: bound exists (made at start). */
  @Override
  CollectionRule shape(CollectionRule rule) {
    long values = rule.valuesMaxEntries() == Limit.UNSET ? Limit.UNSET : 0;
    return new CollectionRule(
        rule.field(), 0, 0, rule.eviction(), values, rule.position().withoutLine());
  }

  @Override
  String companionSuffix() {
    return "[values]";
  }

  /** The companion bounds each value of the map. */
  @Override
  long companionMaxEntries(CollectionRule rule) {
    return rule.valuesMaxEntries();
  }

  @Override
  void addNeedles(CollectionRule rule, TargetIndex.Builder needles) {
    addFieldNeedles(rule.field(), needles);
  }

  @Override
  void addRuleTargets(CollectionRule rule, String entry, List<RuleTarget> targets) {
    targets.add(
        RuleTarget.field(
            rule.name(),
            entry + ".field",
            rule.position(),
            rule.field(),
            FieldHook.COLLECTIONS,
            false));
  }

  @Override
  void addTargets(int id, CollectionRule rule, RewriterPlan plan) {
    plan.fieldWrite(
        new CollectionTarget(
            id,
            rule.name(),
            rule.field().internalClassName(),
            rule.field().fieldName(),
            rule.eviction() == Eviction.LRU));
  }
}
