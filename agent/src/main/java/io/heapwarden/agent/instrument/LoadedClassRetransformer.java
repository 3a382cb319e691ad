package io.heapwarden.agent.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * After a dynamic attach, sends the classes the service had already loaded through the transformer,
 * so that rules reach code that ran before the agent arrived. Only classes whose class file (read
 * from their loader) mentions a rule target are retransformed, in batches of {@link #BATCH} with a
 * {@link #PAUSE_MILLIS} pause between them: each {@code retransformClasses} call swaps its classes
 * at one safepoint, a pause of the whole service, so the batches keep each pause short and let the
 * service run between them. Each call is timed (the transformer's rewriting, done on this thread,
 * plus the safepoint: an upper bound of the pause). A batch the JVM refuses is retried class by
 * class, so one unmodifiable class costs only itself.
 */
public final class LoadedClassRetransformer {
  /** Classes per {@code retransformClasses} call: large enough to amortise a safepoint each. */
  static final int BATCH = 64;

  /** Between two batches: the service's threads run. */
  static final long PAUSE_MILLIS = 5;

  private final Instrumentation instrumentation;
  private final TargetIndex targets;

  public LoadedClassRetransformer(Instrumentation instrumentation, TargetIndex targets) {
    this.instrumentation = instrumentation;
    this.targets = targets;
  }

  /**
   * What one pass did. {@code failed} lists the classes the JVM refused, with the reason; {@code
   * longestCallNanos} and {@code totalCallNanos} time the {@code retransformClasses} calls.
   */
  public record Outcome(
      int loaded,
      int candidates,
      int retransformed,
      int batches,
      long longestCallNanos,
      long totalCallNanos,
      List<String> failed) {}

  public Outcome retransformLoaded() {
    return retransformLoaded(instrumentation.getAllLoadedClasses());
  }

  /** Retransforms those of {@code loaded} that mention a rule target. */
  public Outcome retransformLoaded(Class<?>[] loaded) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (isCandidate(type)) {
        candidates.add(type);
      }
    }
    List<String> failed = new ArrayList<>();
    int retransformed = 0;
    int batches = 0;
    long longest = 0;
    long total = 0;
    for (int from = 0; from < candidates.size(); from += BATCH) {
      if (from > 0) {
        pause();
      }
      List<Class<?>> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
      long started = System.nanoTime();
      retransformed += retransform(batch, failed);
      long took = System.nanoTime() - started;
      batches++;
      longest = Math.max(longest, took);
      total += took;
    }
    return new Outcome(
        loaded.length, candidates.size(), retransformed, batches, longest, total, failed);
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt(); // nobody interrupts the init thread; if so, no pause
    }
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
