package io.heapwarden.agent.rules;

import static io.heapwarden.agent.config.ConfigKey.choice;
import static io.heapwarden.agent.config.ConfigKey.count;
import static io.heapwarden.agent.config.ConfigKey.scalar;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.ConfigKey;
import io.heapwarden.agent.config.ConfigPrinter;
import io.heapwarden.agent.config.ConfigSchema;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.OnEvict;
import io.heapwarden.agent.config.RuleEntry;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.agent.config.Suggestions;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldHook;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.agent.sessions.SessionPreset;
import io.heapwarden.agent.sessions.SessionPresets;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.sessions.SessionRules;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code sessions:} rules (see docs/sessions.md): stores into the field go through {@code
 * SessionHooks.onFieldWrite}, which stores a session map. An entry names a field or a preset; a
 * preset entry expands, when installed, to one rule per field of the preset, with the preset's
 * adapter. The window bound of the queues a session map creates is a companion rule, counted apart.
 */
final class SessionsKind extends Kind<SessionRule> {
  SessionsKind() {
    super(
        "sessions",
        "Rules that bound session stores: maps from a session key to that session's state.",
        SessionRule.class);
  }

  @Override
  RuleKind bootKind() {
    return RuleKind.SESSION;
  }

  @Override
  BootSet bootSet() {
    return BootSet.SESSIONS;
  }

  @Override
  public List<ConfigKey> keys() {
    return List.of(
        scalar(
            path("field"),
            ConfigKey.Type.FIELD,
            ConfigSchema.NONE,
            "com.example.chat.ConversationStore.histories",
            "The field that holds the session map. Set exactly one of field and preset."),
        scalar(
            path("preset"),
            ConfigKey.Type.PRESET,
            ConfigSchema.NONE,
            "langchain4j",
            "A named set of session rules for a library's real classes. Set exactly one of"
                + " field and preset."),
        scalar(
            path("max-sessions"),
            ConfigKey.Type.COUNT,
            ConfigSchema.UNSET,
            "10000",
            "The most sessions the map keeps; a new one evicts the least recently used."),
        scalar(
            path("idle-timeout"),
            ConfigKey.Type.DURATION,
            ConfigSchema.UNSET,
            "10m",
            "How long a session may go unread and unwritten before it is evicted."),
        count(
            path("window"),
            ConfigSchema.UNSET,
            Integer.MAX_VALUE,
            "10",
            "When a session's value is a list, deque or map: keep only its newest entries."),
        scalar(
            path("max-bytes-per-session"),
            ConfigKey.Type.SIZE,
            ConfigSchema.UNSET,
            "256KB",
            "The most estimated retained bytes one session keeps."),
        choice(
            path("on-evict"),
            OnEvict.values(),
            ConfigSchema.NONE,
            "close",
            "What happens to an evicted session's value: close it if it is AutoCloseable, or"
                + " nothing."));
  }

  /** The entry as written, a preset's defaults filled in. */
  @Override
  public @Nullable SessionRule read(RuleEntry entry) {
    boolean hasField = entry.has("field");
    boolean hasPreset = entry.has("preset");
    if (hasField && hasPreset) {
      entry.problem(
          entry.keyPosition("preset"),
          "has both 'field' and 'preset'; set exactly one",
          "field: bounds one map of yours, preset: the maps of a library");
      return null;
    }
    if (!hasField && !hasPreset) {
      entry.problem(
          entry.position(),
          "needs 'field' or 'preset'",
          "e.g. field: "
              + entry.schemaKey(path("field")).example()
              + ", or preset: "
              + String.join(" | ", SessionPresets.names()));
      return null;
    }
    SessionPreset.Defaults defaults = null;
    if (hasPreset) {
      String name = entry.get("preset", String.class, null);
      SessionPreset preset = name == null ? null : SessionPresets.find(name);
      if (preset == null) {
        if (name != null) {
          reportUnknownPreset(entry, name);
        }
        return null;
      }
      defaults = preset.defaults();
    } else if (!entry.has("max-sessions")
        && !entry.has("idle-timeout")
        && !entry.has("window")
        && !entry.has("max-bytes-per-session")) {
      entry.problem(
          entry.position(),
          "sets no limit",
          "add max-sessions, idle-timeout, window or max-bytes-per-session");
    }
    FieldRef field = entry.get("field", FieldRef.class, null);
    if (hasField && field == null) {
      return null; // its value was invalid, and reported
    }
    return new SessionRule(
        field,
        hasPreset ? entry.get("preset", String.class, null) : null,
        hasPreset ? null : SessionRule.DEFAULT_ADAPTER,
        entry.limit("max-sessions", defaults == null ? Limit.UNSET : defaults.maxSessions()),
        entry.get("idle-timeout", Duration.class, defaults == null ? null : defaults.idleTimeout()),
        entry.limit("window", defaults == null ? Limit.UNSET : defaults.window()),
        entry.limit("max-bytes-per-session"),
        entry.get("on-evict", OnEvict.class, defaults == null ? OnEvict.NONE : defaults.onEvict()),
        entry.position());
  }

  private static void reportUnknownPreset(RuleEntry entry, String name) {
    List<String> names = SessionPresets.names();
    String suggestion = Suggestions.closest(name, names);
    entry.valueProblem(
        "preset",
        "unknown preset '" + name + "'",
        suggestion != null
            ? "did you mean '" + suggestion + "'?"
            : "the presets are " + String.join(", ", names));
  }

  @Override
  public @Nullable Object valueOf(SessionRule rule, String key) {
    switch (key) {
      case "field":
        return rule.field();
      case "preset":
        return rule.preset();
      case "max-sessions":
        return ConfigPrinter.limit(rule.maxSessions());
      case "idle-timeout":
        return rule.idleTimeout();
      case "window":
        return ConfigPrinter.limit(rule.window());
      case "max-bytes-per-session":
        return ConfigPrinter.limit(rule.maxBytesPerSession());
      case "on-evict":
        return rule.onEvict();
      default:
        throw new IllegalArgumentException("no value for " + path(key));
    }
  }

  /** Field entries as they are, each preset entry as one rule per field of the preset. */
  @Override
  List<SessionRule> enforced(List<SessionRule> written) {
    return written.isEmpty() ? written : SessionPresets.expand(written); // presets load when used
  }

  @Override
  long[] limits(SessionRule rule) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = rule.maxSessions();
    limits[Limit.IDLE_TIMEOUT.ordinal()] =
        rule.idleTimeout() == null ? Limit.UNSET : rule.idleTimeout().toNanos();
    limits[Limit.WINDOW.ordinal()] = rule.window();
    limits[Limit.MAX_BYTES_PER_SESSION.ordinal()] = rule.maxBytesPerSession();
    return limits;
  }

  /** Every limit, max-bytes-per-session included, changes live. */
  @Override
  SessionRule shape(SessionRule rule) {
    return new SessionRule(
        rule.field(),
        rule.preset(),
        rule.adapter(),
        0,
        null,
        0,
        0,
        rule.onEvict(),
        rule.position().withoutLine());
  }

  @Override
  String companionSuffix() {
    return "[window]";
  }

  /** The companion bounds the queues the rule's maps create: the window. */
  @Override
  long companionMaxEntries(SessionRule rule) {
    return rule.window();
  }

  @Override
  void addNeedles(SessionRule rule, TargetIndex.Builder needles) {
    if (rule.field() != null) {
      addFieldNeedles(rule.field(), needles);
    }
  }

  /** Enforced rules: a preset's fields are named by the preset, not by the entry. */
  @Override
  void addRuleTargets(SessionRule rule, String entry, List<RuleTarget> targets) {
    FieldRef field = Objects.requireNonNull(rule.field()); // enforced rules: presets expanded
    targets.add(
        RuleTarget.field(
            rule.name(),
            entry + (rule.preset() != null ? ".preset" : ".field"),
            rule.position(),
            field,
            FieldHook.SESSIONS,
            rule.preset() != null));
  }

  @Override
  void addTargets(int id, SessionRule rule, RewriterPlan plan) {
    FieldRef field = Objects.requireNonNull(rule.field()); // enforced rules: presets expanded
    plan.fieldWrite(
        new CollectionTarget(
            id,
            rule.name(),
            field.internalClassName(),
            field.fieldName(),
            true,
            FieldHook.SESSIONS));
  }

  @Override
  void installBootSide(int id, SessionRule rule) {
    BootClasses.ensure(bootSet()); // SessionRules is one of them
    // enforced rules: written with field: (the default adapter) or expanded from a preset
    SessionRules.install(
        id, Objects.requireNonNull(rule.adapter()), rule.onEvict() == OnEvict.CLOSE);
  }
}
