package io.heapwarden.agent.resolve;

import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.MethodRef;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.instrument.collections.FieldHook;
import io.heapwarden.agent.instrument.singletons.Descriptors;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one rule needs a class to have: the class itself, a field of it (of a type the rule's hook
 * can replace), or a method of it.
 *
 * @param rule the rule's name in logs
 * @param key where the rule names it, e.g. {@code collections[0].field}
 * @param position where the rule's entry starts
 * @param className the ruled class's binary name ({@code com.example.Outer$Inner})
 * @param member the field's or method's name; null when the class is enough
 * @param parameters a method's parameter descriptor ({@code (Ljava/lang/String;I)}); null for a
 *     field or a class
 * @param hook for a field: the hook whose stored values it must be able to hold
 * @param fromPreset whether the rule comes from a preset, whose library may well not be used: its
 *     class not being loaded is no problem
 * @param constructed whether the rule acts where the class is constructed ({@code new C(...)}), so
 *     an interface or abstract class leaves it nothing to do
 */
public record RuleTarget(
    String rule,
    String key,
    SourcePosition position,
    String className,
    @Nullable String member,
    @Nullable String parameters,
    @Nullable FieldHook hook,
    boolean fromPreset,
    boolean constructed) {

  /** A rule on a field, whose values go through {@code hook}. */
  public static RuleTarget field(
      String rule,
      String key,
      SourcePosition position,
      FieldRef field,
      FieldHook hook,
      boolean fromPreset) {
    return new RuleTarget(
        rule, key, position, field.className(), field.fieldName(), null, hook, fromPreset, false);
  }

  /** A rule on a method's calls. */
  public static RuleTarget method(
      String rule, String key, SourcePosition position, MethodRef method) {
    return new RuleTarget(
        rule,
        key,
        position,
        method.className(),
        method.methodName(),
        Descriptors.parameters(method.parameterTypes()),
        null,
        false,
        false);
  }

  /**
   * A rule on a class: its instances ({@code constructed} false: the class is enough), or its
   * constructions ({@code constructed}: it must be a concrete class).
   */
  public static RuleTarget type(
      String rule, String key, SourcePosition position, String name, boolean constructed) {
    return new RuleTarget(rule, key, position, name, null, null, null, false, constructed);
  }

  /** The class's internal name, as a class file and the transformer spell it. */
  public String internalName() {
    return className.replace('.', '/');
  }

  boolean isField() {
    return hook != null;
  }

  boolean isMethod() {
    return parameters != null;
  }

  /** What the rule names, e.g. {@code field com.example.Cache.entries}. */
  String what() {
    if (isField()) {
      return "field " + className + "." + member;
    }
    return isMethod()
        ? "method " + className + "." + Objects.requireNonNull(member) // a method has a name
        : "class " + className;
  }

  /** {@code heapwarden.yaml:4:5, collections[0].field}: where users find the rule. */
  public String location() {
    return position + ", " + key;
  }
}
