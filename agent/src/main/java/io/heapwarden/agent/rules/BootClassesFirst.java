package io.heapwarden.agent.rules;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.instrument.AddsMembers;
import io.heapwarden.agent.instrument.ClassRewriter;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rewriter whose first rewritten class waits until the bootstrap classes its code calls are in
 * the boot loader: the JVM defines the rewritten class only after the transformer returns, so no
 * rewritten code can run before its hooks exist. A rule whose classes the service never loads costs
 * no boot-loader class. If they cannot be defined, the class loads unchanged (the transformer
 * reports the failure).
 */
final class BootClassesFirst implements ClassRewriter, AddsMembers {
  private final ClassRewriter rewriter;
  private final List<BootSet> sets;
  private final List<BootSet> loadedSets;
  private volatile boolean defined;
  private volatile boolean loadedDefined;

  BootClassesFirst(ClassRewriter rewriter, Set<BootSet> sets) {
    this(rewriter, sets, sets);
  }

  /**
   * @param loadedSets what its code calls in a class loaded before an attach ({@link
   *     #rewriteLoaded}), which may call more
   */
  BootClassesFirst(ClassRewriter rewriter, Set<BootSet> sets, Set<BootSet> loadedSets) {
    this.rewriter = rewriter;
    this.sets = List.copyOf(sets);
    this.loadedSets = List.copyOf(loadedSets);
  }

  @Override
  public byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    return definedFirst(rewriter.rewrite(loader, internalName, classFile));
  }

  @Override
  public byte @Nullable [] rewriteLoaded(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    byte[] rewritten = rewriter.rewriteLoaded(loader, internalName, classFile);
    if (rewritten != null && !loadedDefined) {
      for (BootSet set : loadedSets) {
        BootClasses.ensure(set);
      }
      loadedDefined = true;
    }
    return definedFirst(rewritten);
  }

  private byte @Nullable [] definedFirst(byte @Nullable [] rewritten) {
    if (rewritten != null && !defined) {
      for (BootSet set : sets) {
        BootClasses.ensure(set);
      }
      defined = true;
    }
    return rewritten;
  }

  @Override
  public boolean addedTo(Class<?> type) {
    return !(rewriter instanceof AddsMembers) || ((AddsMembers) rewriter).addedTo(type);
  }
}
