package io.heapwarden.agent.rules;

import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import io.heapwarden.agent.instrument.collections.UnboundableFieldReporter;
import io.heapwarden.agent.instrument.singletons.InstanceTarget;
import io.heapwarden.agent.instrument.singletons.SingletonRules;
import io.heapwarden.agent.instrument.singletons.SingletonTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the kinds ask of the two rewriters, collected rule by rule, then built into them: ruled
 * field writes ({@link FieldWriteRewriter}, for collections and sessions) and constructions and
 * factory calls ({@code SingletonRewriter}, for singletons and instances). A rewriter with nothing
 * to do is not built.
 */
final class RewriterPlan {
  private final List<CollectionTarget> fieldWrites = new ArrayList<>();
  private final List<SingletonTarget> singletons = new ArrayList<>();
  private final List<InstanceTarget> instances = new ArrayList<>();
  private boolean deferredCloses;

  /** Stores into a field go through the target's hook. */
  void fieldWrite(CollectionTarget target) {
    fieldWrites.add(target);
  }

  /** Constructions of a class, or calls of a factory method, share instances. */
  void singleton(SingletonTarget target) {
    singletons.add(target);
  }

  /** A class's constructors count live instances. */
  void instance(InstanceTarget target) {
    instances.add(target);
  }

  /** Shared instances whose close() is ignored are closed at shutdown. */
  void closeDeferredAtShutdown() {
    deferredCloses = true;
  }

  List<ClassRewriter> build(UnboundableFieldReporter unboundable) {
    List<ClassRewriter> rewriters = new ArrayList<>(2);
    if (!fieldWrites.isEmpty()) {
      rewriters.add(new FieldWriteRewriter(fieldWrites, new ReportedOnce(unboundable)));
    }
    if (!singletons.isEmpty() || !instances.isEmpty()) {
      rewriters.add(SingletonRules.rewriter(singletons, instances, deferredCloses));
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
