package io.heapwarden.agent.resolve;

import io.heapwarden.agent.instrument.ClassRewriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * Tells, once per rule, that a rule does nothing: when its class loads without the field or method
 * it names (or with the field of a type it cannot bound), and when its class has not loaded at all
 * after a while ({@link NotMatchedReport}). It sits among the transformer's rewriters, first, so it
 * sees the class file as the JVM gives it (a ruled class always passes the pre-check: its constant
 * pool holds its own name); it rewrites nothing and keeps no class or loader, only which rules have
 * matched.
 */
public final class RuleFeedback implements ClassRewriter {
  private static final int MATCHED = 1;
  private static final int REPORTED = 2;
  private static final int NOT_MATCHED_REPORTED = 4;

  /** Told about each rule that does nothing, once. */
  public interface Listener {
    /** The rule's class loaded and lacks what the rule names. */
    void unresolved(RuleProblem problem);

    /** The rule's class has not loaded in {@code after}. */
    void notMatched(RuleTarget target, Duration after);
  }

  private final List<RuleTarget> targets;
  private final Map<String, int[]> byClass = new HashMap<>();
  private final AtomicIntegerArray state;
  private final Listener listener;

  public RuleFeedback(List<RuleTarget> targets, Listener listener) {
    this.targets = List.copyOf(targets);
    this.listener = listener;
    this.state = new AtomicIntegerArray(this.targets.size());
    for (int i = 0; i < this.targets.size(); i++) {
      String name = this.targets.get(i).internalName();
      int[] before = byClass.get(name);
      int[] now = before == null ? new int[1] : Arrays.copyOf(before, before.length + 1);
      now[now.length - 1] = i;
      byClass.put(name, now);
    }
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** Checks the rules on this class, if any; never rewrites it. */
  @Override
  public byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    int[] ruled = byClass.get(internalName);
    if (ruled == null) {
      return null;
    }
    ClassShape shape = null;
    for (int index : ruled) {
      if (!mark(index, MATCHED)) {
        continue; // seen in another loader, or again on retransformation: checked already
      }
      if (shape == null) {
        shape = ClassShape.of(classFile);
      }
      RuleProblem problem = RuleCheck.check(targets.get(index), shape);
      if (problem != null && mark(index, REPORTED)) {
        listener.unresolved(problem);
      }
    }
    return null;
  }

  /**
   * The rewriter found a store into rule {@code rule}'s field whose declared type cannot be
   * bounded: reported as this rule's one problem. False when no field rule has that name.
   */
  public boolean unboundable(String rule, String declaredType, String reason) {
    for (int i = 0; i < targets.size(); i++) {
      RuleTarget target = targets.get(i);
      if (target.isField() && target.rule().equals(rule)) {
        if (mark(i, REPORTED)) {
          listener.unresolved(RuleCheck.wrongType(target, declaredType, reason));
        }
        return true;
      }
    }
    return false;
  }

  /**
   * Reports each rule whose class has not loaded, once; rules from a preset are left out (a preset
   * names libraries a service may not use).
   */
  void reportNotMatched(Duration after) {
    for (int i = 0; i < targets.size(); i++) {
      RuleTarget target = targets.get(i);
      if (!target.fromPreset() && (state.get(i) & MATCHED) == 0 && mark(i, NOT_MATCHED_REPORTED)) {
        listener.notMatched(target, after);
      }
    }
  }

  /** Sets {@code bit} on rule {@code index}; true when this call set it. */
  private boolean mark(int index, int bit) {
    while (true) {
      int was = state.get(index);
      if ((was & bit) != 0) {
        return false;
      }
      if (state.compareAndSet(index, was, was | bit)) {
        return true;
      }
    }
  }

  /** The rules not matched so far, for tests and status. */
  List<RuleTarget> notMatchedYet() {
    List<RuleTarget> left = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if ((state.get(i) & MATCHED) == 0) {
        left.add(targets.get(i));
      }
    }
    return left;
  }
}
