package io.heapwarden.agent.rules;

import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.RuleSection;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.RuleKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One kind of rule, everything the agent does with it, given its config record: its config section
 * (keys, reading an entry, printing a rule back; see {@link RuleSection}), its live limits, the
 * shape whose change needs a restart, its companion rule, its needles for the constant-pool
 * pre-check, its rewriter targets, its boot-side setup, and (through {@link #bootKind()}) its
 * telemetry bound. {@link RuleInstaller}, {@link RulePlan} and the printer iterate {@link Kinds}
 * instead of branching on types. Plain loops and named classes: this runs in premain.
 *
 * @param <R> the config record of one rule
 */
public abstract class Kind<R extends RuleSpec> implements RuleSection<R> {
  private final String name;
  private final String description;
  private final Class<R> type;

  /**
   * The config side (this constructor, the {@link RuleSection} methods) must not touch a bootstrap
   * class: {@code heapwarden check} runs it without them (they exist only in the boot loader, once
   * the agent is started).
   */
  Kind(String name, String description, Class<R> type) {
    this.name = name;
    this.description = description;
    this.type = type;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Class<R> type() {
    return type;
  }

  /**
   * The boot-side kind of its rules: their meter prefix, and the limit telemetry shows as their
   * bound ({@link RuleKind#bound()}).
   */
  abstract RuleKind bootKind();

  /**
   * The bootstrap classes its rules need in the boot loader (its hooks, what its rewritten code
   * calls): defined when its rewriter first rewrites a class, before the rewritten class can call
   * them ({@link RewriterPlan}); a service that never loads a ruled class never defines them. A
   * boot-side setup ({@link #installBootSide}) that calls into them must define them first with
   * {@link io.heapwarden.agent.boot.BootClasses#ensure}.
   */
  abstract BootSet bootSet();

  /** The schema path of an entry key of this list: {@code collections[].field}. */
  final String path(String key) {
    return name + "[]." + key;
  }

  /** The rules that enforce those written in this list: by default, each as written. */
  List<R> enforced(List<R> written) {
    return written;
  }

  /** The live limits, indexed by {@link io.heapwarden.bootstrap.Limit} ordinal. */
  abstract long[] limits(R rule);

  /**
   * The rule without what changes live: two versions of a rule with equal shapes can be swapped by
   * a reload; a changed shape needs a restart. Positions keep only the file.
   */
  abstract R shape(R rule);

  /**
   * The suffix of the companion rule's name, e.g. {@code [values]}; null when the kind has none.
   */
  @Nullable String companionSuffix() {
    return null;
  }

  /**
   * The bound of {@code rule}'s companion rule, a collection rule that bounds the collections the
   * rule's own collections create (a {@code values:} bound, a session window): created at start,
   * after all configured rules, when this is set; {@link Limit#UNSET} when it is not.
   */
  long companionMaxEntries(R rule) {
    return Limit.UNSET;
  }

  /** The constant-pool strings a class must contain for {@code rule} to apply to it. */
  abstract void addNeedles(R rule, TargetIndex.Builder needles);

  /** A field's needles: its owner, and its name (a subclass writes it through its own name). */
  static void addFieldNeedles(FieldRef field, TargetIndex.Builder needles) {
    needles.className(field.internalClassName()).fieldName(field.fieldName());
  }

  /**
   * What {@code rule} needs a class to have (its class, field or method), for the rule feedback and
   * {@code check --classpath}; {@code entry} names its entry, e.g. {@code collections[0]}.
   */
  abstract void addRuleTargets(R rule, String entry, List<RuleTarget> targets);

  /** What the rewriters must do for {@code rule}, whose id is {@code id}. */
  abstract void addTargets(int id, R rule, RewriterPlan plan);

  /**
   * Boot-side setup once the rule table holds the rule; by default none. An override calls {@code
   * BootClasses.ensure(bootSet())} before it touches a class of its set.
   */
  void installBootSide(int id, R rule) {}
}
