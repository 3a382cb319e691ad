package io.heapwarden.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * After a dynamic attach, sends the classes the service had already loaded through the transformer,
 * so that rules reach code that ran before the agent arrived. Only classes whose class file (read
 * from their loader) mentions a rule target are retransformed, in batches; a batch the JVM refuses
 * is retried class by class, so one unmodifiable class costs only itself.
 */
public final class LoadedClassRetransformer {
  /** Classes per {@code retransformClasses} call: large enough to amortise a safepoint each. */
  static final int BATCH = 64;

  private final Instrumentation instrumentation;
  private final TargetIndex targets;

  public LoadedClassRetransformer(Instrumentation instrumentation, TargetIndex targets) {
    this.instrumentation = instrumentation;
    this.targets = targets;
  }

  /** What one pass did. {@code failed} lists the classes the JVM refused, with the reason. */
  public record Outcome(int loaded, int candidates, int retransformed, List<String> failed) {}

  public Outcome retransformLoaded() {
    Class<?>[] loaded = instrumentation.getAllLoadedClasses();
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (isCandidate(type)) {
        candidates.add(type);
      }
    }
    List<String> failed = new ArrayList<>();
    int retransformed = 0;
    for (int from = 0; from < candidates.size(); from += BATCH) {
      List<Class<?>> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
      retransformed += retransform(batch, failed);
    }
    return new Outcome(loaded.length, candidates.size(), retransformed, failed);
  }

  private int retransform(List<Class<?>> batch, List<String> failed) {
    try {
      instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
      return batch.size();
    } catch (Throwable batchFailed) {
      int done = 0;
      for (Class<?> type : batch) {
        try {
          instrumentation.retransformClasses(type);
          done++;
        } catch (Throwable refused) {
          failed.add(type.getName() + ": " + refused);
        }
      }
      return done;
    }
  }

  /**
   * A class of the service that may hold a rule target. JDK classes (boot and platform loaders),
   * the agent's own, and classes without a class file to read (hidden classes, runtime-generated
   * proxies) are left alone: a rule never targets them.
   */
  private boolean isCandidate(Class<?> type) {
    if (type.isArray() || type.isPrimitive() || type.isHidden()) {
      return false;
    }
    ClassLoader loader = type.getClassLoader();
    String internalName = type.getName().replace('.', '/');
    if (loader == null
        || loader == ClassLoader.getPlatformClassLoader()
        || HeapwardenTransformer.isAgentClass(internalName)
        || !instrumentation.isModifiableClass(type)) {
      return false;
    }
    byte[] classFile = ClassFiles.read(loader, internalName);
    return classFile != null && targets.mayApplyTo(classFile);
  }
}
