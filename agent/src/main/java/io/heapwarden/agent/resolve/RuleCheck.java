package io.heapwarden.agent.resolve;

import io.heapwarden.agent.config.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;

/**
 * Whether a class has what a rule names, with a did-you-mean over the class's own members when not:
 * the same checks at run time and in {@code check --classpath}.
 */
final class RuleCheck {
  /** Beyond this many names, a hint lists the first ones and says how many more there are. */
  private static final int LISTED = 8;

  private RuleCheck() {}

  /** The problem of {@code target} on the class of {@code shape}, or null when it resolves. */
  static @Nullable RuleProblem check(RuleTarget target, ClassShape shape) {
    if (target.isField()) {
      return checkField(target, shape);
    }
    if (target.isMethod()) {
      return checkMethod(target, shape);
    }
    if (target.constructed() && !shape.isConcrete()) {
      return new RuleProblem(
          target,
          "class " + target.className() + " is an interface or abstract, so nothing constructs it",
          "rule the concrete class that is constructed, or the factory method (method:)");
    }
    return null; // the class exists: its constructions and constructor ends are there
  }

  private static @Nullable RuleProblem checkField(RuleTarget target, ClassShape shape) {
    String name = Objects.requireNonNull(target.member()); // a field rule names its field
    String descriptor = shape.fields().get(name);
    if (descriptor == null) {
      return new RuleProblem(
          target,
          "class " + target.className() + " declares no field '" + name + "'",
          didYouMean(name, shape.fields().keySet(), "fields"));
    }
    String whyNot = Objects.requireNonNull(target.hook()).whyNot(descriptor); // a field rule
    return whyNot == null
        ? null
        : wrongType(target, Type.getType(descriptor).getClassName(), whyNot);
  }

  /** The field exists but its declared type cannot hold what the rule stores. */
  static RuleProblem wrongType(RuleTarget target, String declaredType, String reason) {
    return new RuleProblem(
        target,
        target.what() + " is declared as " + declaredType + ", which cannot be bounded: " + reason,
        "rule the field that holds the JDK collection, or declare it as one (e.g. Map, List)");
  }

  private static @Nullable RuleProblem checkMethod(RuleTarget target, ClassShape shape) {
    String name = Objects.requireNonNull(target.member()); // a method rule names its method
    String parameters = Objects.requireNonNull(target.parameters());
    Set<String> names = new LinkedHashSet<>();
    List<String> overloads = new ArrayList<>();
    for (String[] method : shape.methods()) {
      if (method[0].equals(name)) {
        if (method[1].startsWith(parameters)) {
          return null;
        }
        overloads.add(shown(method[1]));
      } else if (!method[0].startsWith("<")) {
        names.add(method[0]);
      }
    }
    if (!overloads.isEmpty()) {
      return new RuleProblem(
          target,
          "class " + target.className() + " has no method " + name + shown(parameters + "V"),
          "its " + name + " takes " + String.join(" or ", overloads));
    }
    return new RuleProblem(
        target,
        "class " + target.className() + " declares no method '" + name + "'",
        didYouMean(name, names, "methods"));
  }

  /** The class is not there: with the closest class name of its package among {@code known}. */
  static RuleProblem missingClass(RuleTarget target, Collection<String> known, String where) {
    String wanted = target.className();
    int dot = wanted.lastIndexOf('.');
    String pkg = dot < 0 ? "" : wanted.substring(0, dot + 1);
    List<String> samePackage = new ArrayList<>();
    for (String name : known) {
      if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
        samePackage.add(name);
      }
    }
    String closest = Suggestions.closest(wanted, samePackage);
    return new RuleProblem(
        target,
        "class " + wanted + " is not in " + where,
        closest != null
            ? "did you mean " + closest + "?"
            : "write the class's binary name (com.example.Outer$Inner), and check the classpath");
  }

  /** {@code did you mean 'x'?}, else the names there are. */
  private static String didYouMean(String name, Collection<String> candidates, String what) {
    String closest = Suggestions.closest(name, candidates);
    if (closest != null) {
      return "did you mean '" + closest + "'?";
    }
    if (candidates.isEmpty()) {
      return "it declares no " + what;
    }
    List<String> listed = new ArrayList<>();
    for (String candidate : candidates) {
      if (listed.size() == LISTED) {
        break;
      }
      listed.add(candidate);
    }
    int more = candidates.size() - listed.size();
    return "its "
        + what
        + " are "
        + String.join(", ", listed)
        + (more > 0 ? " and " + more + " more" : "");
  }

  /** {@code (java.lang.String, int)} for {@code (Ljava/lang/String;I)V}. */
  private static String shown(String descriptor) {
    List<String> types = new ArrayList<>();
    for (Type type : Type.getArgumentTypes(descriptor)) {
      types.add(type.getClassName());
    }
    return "(" + String.join(", ", types) + ")";
  }
}
