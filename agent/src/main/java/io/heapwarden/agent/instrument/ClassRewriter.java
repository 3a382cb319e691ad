package io.heapwarden.agent.instrument;

import org.jspecify.annotations.Nullable;

/**
 * Rewrites the classes that the pre-check let through for one kind of rule. Each rule kind adds its
 * own rewriter; a rewriter that throws is reported and the class loads unchanged.
 */
public interface ClassRewriter {
  /**
   * Returns the rewritten class, or {@code null} to leave it unchanged.
   *
   * @param loader the defining loader, {@code null} for the boot loader
   * @param internalName the class's internal name, e.g. {@code com/example/Cache}
   */
  byte @Nullable [] rewrite(@Nullable ClassLoader loader, String internalName, byte[] classFile);

  /**
   * The same for a class the service loaded before a dynamic attach (a retransformation): a
   * rewriter may add what only such a class needs. By default, {@link #rewrite}.
   */
  default byte @Nullable [] rewriteLoaded(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    return rewrite(loader, internalName, classFile);
  }
}
