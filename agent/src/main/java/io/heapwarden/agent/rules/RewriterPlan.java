package io.heapwarden.agent.rules;

import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.agent.instrument.singletons.InstanceTarget;
import io.heapwarden.agent.instrument.singletons.SingletonRules;
import io.heapwarden.agent.instrument.singletons.SingletonTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kinds ask of the two rewriters, collected rule by rule, then built into them: ruled
 * field writes ({@link FieldWriteRewriter}, for collections and sessions) and constructions and
 * factory calls ({@code SingletonRewriter}, for singletons and instances). A rewriter with nothing
 * to do is not built. Each is wrapped so that the bootstrap classes its rules' kinds call are
 * defined before it hands out its first rewritten class ({@link BootClassesFirst}).
 */
final class RewriterPlan {
  private final List<CollectionTarget> fieldWrites = new ArrayList<>();
  private final List<SingletonTarget> singletons = new ArrayList<>();
  private final List<InstanceTarget> instances = new ArrayList<>();
  private final Set<BootSet> fieldWriteClasses = EnumSet.noneOf(BootSet.class);
  private final Set<BootSet> constructionClasses = EnumSet.noneOf(BootSet.class);
  private BootSet current = BootSet.CORE;
  private boolean deferredCloses;

  /** The targets added next are a rule of a kind whose rewritten code calls into {@code set}. */
  void forKind(BootSet set) {
    current = set;
  }

  /** Stores into a field go through the target's hook. */
  void fieldWrite(CollectionTarget target) {
    fieldWrites.add(target);
    fieldWriteClasses.add(current);
  }

  /** Constructions of a class, or calls of a factory method, share instances. */
  void singleton(SingletonTarget target) {
    singletons.add(target);
    constructionClasses.add(current);
  }

  /** A class's constructors count live instances. */
  void instance(InstanceTarget target) {
    instances.add(target);
    constructionClasses.add(current);
  }

  /** Shared instances whose close() is ignored are closed at shutdown. */
  void closeDeferredAtShutdown() {
    deferredCloses = true;
  }

  /** The field targets of {@code collections:} and {@code sessions:} rules. */
  List<CollectionTarget> ruledFields() {
    return List.copyOf(fieldWrites);
  }

  List<ClassRewriter> build(UnboundableFieldReporter unboundable) {
    List<ClassRewriter> rewriters = new ArrayList<>(2);
    if (!fieldWrites.isEmpty()) {
      Set<BootSet> loadedClasses = EnumSet.copyOf(fieldWriteClasses);
      loadedClasses.add(BootSet.ADOPTION); // the read hook of a class loaded before an attach
      rewriters.add(
          new BootClassesFirst(
              new FieldWriteRewriter(fieldWrites, new ReportedOnce(unboundable)),
              fieldWriteClasses,
              loadedClasses));
    }
    if (!singletons.isEmpty() || !instances.isEmpty()) {
      rewriters.add(
          new BootClassesFirst(
              SingletonRules.rewriter(singletons, instances, deferredCloses), constructionClasses));
    }
    return List.copyOf(rewriters);
  }

  /** Passes on each unboundable field once per rule and declared type. */
  private static final class ReportedOnce implements UnboundableFieldReporter {
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final UnboundableFieldReporter unboundable;

    ReportedOnce(UnboundableFieldReporter unboundable) {
      this.unboundable = unboundable;
    }

    @Override
    public void report(CollectionTarget target, String declaredType, String reason) {
      if (reported.add(target.ruleId() + ":" + declaredType)) {
        unboundable.report(target, declaredType, reason);
      }
    }
  }
}
