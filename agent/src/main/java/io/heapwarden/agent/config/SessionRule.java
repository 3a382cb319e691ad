package io.heapwarden.agent.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code sessions:} entry: bound a session store, a map from a session key to that session's state.
 * As written in the file it names either a {@code field} or a {@code preset}; the sessions kind
 * ({@code rules/SessionsKind}) expands a preset into one rule per library field, each with the
 * preset's {@code adapter} (the boot-side {@link io.heapwarden.bootstrap.sessions.SessionAdapter}
 * that knows how that library's sessions are windowed and ended). A limit of {@link
 * io.heapwarden.bootstrap.Limit#UNSET} (or a null idle timeout) means the rule does not set it.
 *
 * @param field the ruled field; null for a preset entry as written
 * @param preset the preset this rule comes from, or null for a field rule
 * @param adapter the session adapter's name; {@code default} for field rules
 */
public record SessionRule(
    @Nullable FieldRef field,
    @Nullable String preset,
    @Nullable String adapter,
    long maxSessions,
    @Nullable Duration idleTimeout,
    long window,
    long maxBytesPerSession,
    OnEvict onEvict,
    SourcePosition position)
    implements RuleSpec {

  /** The adapter of rules written with {@code field:}. */
  public static final String DEFAULT_ADAPTER = "default";

  /** Whether this is a {@code preset:} entry as written, not yet expanded to its fields. */
  public boolean isPresetEntry() {
    return field == null;
  }

  /** This rule's limits applied to another field and adapter: one field of a preset. */
  public SessionRule forField(FieldRef target, String targetAdapter) {
    return new SessionRule(
        target,
        preset,
        targetAdapter,
        maxSessions,
        idleTimeout,
        window,
        maxBytesPerSession,
        onEvict,
        position);
  }

  @Override
  public String name() {
    return field == null ? "preset " + preset : field.toString();
  }

  /** A field rule claims its field, as a {@code collections:} rule on it does. */
  @Override
  public String claim() {
    return field == null ? RuleSpec.super.claim() : "field ".concat(field.toString());
  }

  @Override
  public String target() {
    String what = field == null ? "preset ".concat(preset) : "field ".concat(field.toString());
    return preset != null && field != null
        ? what.concat(" (preset ").concat(preset).concat(")")
        : what;
  }
}
