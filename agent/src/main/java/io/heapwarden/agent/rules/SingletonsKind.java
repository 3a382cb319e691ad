package io.heapwarden.agent.rules;

import static io.heapwarden.agent.config.ConfigKey.choice;
import static io.heapwarden.agent.config.ConfigKey.scalar;

import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.ConfigKey;
import io.heapwarden.agent.config.ConfigSchema;
import io.heapwarden.agent.config.MethodRef;
import io.heapwarden.agent.config.OnClose;
import io.heapwarden.agent.config.RuleEntry;
import io.heapwarden.agent.config.SingletonKey;
import io.heapwarden.agent.config.SingletonRule;
import io.heapwarden.agent.config.SingletonScope;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.singletons.SingletonTarget;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.singletons.SingletonHooks;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code singletons:} rules: constructions of a class, or calls of a factory method, go through
 * {@code SingletonHooks}, which hands out one shared instance per key. No live limits.
 */
final class SingletonsKind extends Kind<SingletonRule> {
  SingletonsKind() {
    super(
        "singletons",
        "Rules that share instances instead of constructing them again.",
        SingletonRule.class);
  }

  @Override
  RuleKind bootKind() {
    return RuleKind.SINGLETON;
  }

  @Override
  BootSet bootSet() {
    return BootSet.SINGLETONS;
  }

  @Override
  public List<ConfigKey> keys() {
    return List.of(
        scalar(
            path("class"),
            ConfigKey.Type.CLASS,
            ConfigSchema.NONE,
            "com.example.ml.EmbeddingModel",
            "Share the instances this class's constructors create. Set exactly one of class"
                + " and method."),
        scalar(
            path("method"),
            ConfigKey.Type.METHOD,
            ConfigSchema.NONE,
            "com.example.ml.Models.load(java.lang.String)",
            "Share the results of this factory method. Set exactly one of class and method."),
        choice(
            path("key"),
            SingletonKey.values(),
            "arguments",
            "class",
            "What makes two constructions share an instance: equal arguments, or just the"
                + " class."),
        choice(
            path("scope"),
            SingletonScope.values(),
            "global",
            "thread",
            "Where an instance is shared: across the JVM, or within one thread."),
        choice(
            path("on-close"),
            OnClose.values(),
            "ignore",
            "release",
            "What close() on a shared instance does: nothing until shutdown, or drop it so"
                + " the next construction makes a new one."));
  }

  @Override
  public @Nullable SingletonRule read(RuleEntry entry) {
    boolean hasClass = entry.has("class");
    boolean hasMethod = entry.has("method");
    if (hasClass && hasMethod) {
      entry.problem(
          entry.keyPosition("method"),
          "has both 'class' and 'method'; set exactly one",
          "class: shares what constructors create, method: what a factory method returns");
    } else if (!hasClass && !hasMethod) {
      entry.problem(
          entry.position(),
          "needs 'class' or 'method'",
          "e.g. class: " + entry.schemaKey(path("class")).example());
    }
    String className = entry.get("class", String.class, null);
    MethodRef method = entry.get("method", MethodRef.class, null);
    if ((className == null) == (method == null)) {
      return null;
    }
    return new SingletonRule(
        className,
        method,
        entry.get("key", SingletonKey.class, SingletonKey.ARGUMENTS),
        entry.get("scope", SingletonScope.class, SingletonScope.GLOBAL),
        entry.get("on-close", OnClose.class, OnClose.IGNORE),
        entry.position());
  }

  @Override
  public @Nullable Object valueOf(SingletonRule rule, String key) {
    switch (key) {
      case "class":
        return rule.className();
      case "method":
        return rule.method();
      case "key":
        return rule.key();
      case "scope":
        return rule.scope();
      case "on-close":
        return rule.onClose();
      default:
        throw new IllegalArgumentException("no value for " + path(key));
    }
  }

  @Override
  long[] limits(SingletonRule rule) {
    return Rule.noLimits();
  }

  @Override
  SingletonRule shape(SingletonRule rule) {
    return new SingletonRule(
        rule.className(),
        rule.method(),
        rule.key(),
        rule.scope(),
        rule.onClose(),
        rule.position().withoutLine());
  }

  @Override
  void addNeedles(SingletonRule rule, TargetIndex.Builder needles) {
    if (rule.className() != null) {
      needles.className(rule.className().replace('.', '/'));
    } else {
      MethodRef method = Objects.requireNonNull(rule.method()); // no class: a method
      needles.className(method.internalClassName()).methodName(method.methodName());
    }
  }

  @Override
  void addRuleTargets(SingletonRule rule, String entry, List<RuleTarget> targets) {
    if (rule.className() != null) {
      targets.add(
          RuleTarget.type(rule.name(), entry + ".class", rule.position(), rule.className(), true));
    } else {
      MethodRef method = Objects.requireNonNull(rule.method()); // no class: a method
      targets.add(RuleTarget.method(rule.name(), entry + ".method", rule.position(), method));
    }
  }

  @Override
  void addTargets(int id, SingletonRule rule, RewriterPlan plan) {
    int flags = flags(rule);
    if (rule.className() != null) {
      plan.singleton(
          SingletonTarget.forClass(id, rule.name(), rule.className().replace('.', '/'), flags));
      if (rule.onClose() != OnClose.RELEASE) {
        plan.closeDeferredAtShutdown();
      }
    } else {
      MethodRef method = Objects.requireNonNull(rule.method()); // no class: a method
      plan.singleton(
          SingletonTarget.forMethod(
              id,
              rule.name(),
              method.internalClassName(),
              method.methodName(),
              method.parameterTypes(),
              flags));
    }
  }

  static int flags(SingletonRule rule) {
    int flags = 0;
    if (rule.scope() == SingletonScope.THREAD) {
      flags |= SingletonHooks.THREAD_SCOPE;
    }
    if (rule.key() == SingletonKey.CLASS) {
      flags |= SingletonHooks.CLASS_KEY;
    }
    if (rule.onClose() == OnClose.RELEASE) {
      flags |= SingletonHooks.RELEASE_ON_CLOSE;
    }
    return flags;
  }
}
