package io.heapwarden.agent.instrument;

import io.heapwarden.agent.telemetry.Telemetry;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The agent's one transformer. Every class load costs a name check; only classes whose constant
 * pool mentions a rule target are handed to the rewriters, which parse them fully.
 */
public final class HeapwardenTransformer implements ClassFileTransformer {
  /** The agent's own code, never rewritten; not all of io/heapwarden, which users may share. */
  private static final String[] AGENT_PACKAGES = {
    "io/heapwarden/agent/", "io/heapwarden/bootstrap/", "io/heapwarden/shaded/"
  };

  private final TargetIndex targets;
  private final List<ClassRewriter> rewriters;
  private final @Nullable ClassRewriter everyClass;
  private final Telemetry telemetry;
  private final LongAdder scanned = new LongAdder();
  private final LongAdder matched = new LongAdder();

  public HeapwardenTransformer(
      TargetIndex targets, List<ClassRewriter> rewriters, Telemetry telemetry) {
    this(targets, rewriters, telemetry, null);
  }

  /**
   * @param everyClass a rewriter that picks its classes itself, given every class after the rules'
   *     rewriters (discovery's, which filters by package); null for none
   */
  public HeapwardenTransformer(
      TargetIndex targets,
      List<ClassRewriter> rewriters,
      Telemetry telemetry,
      @Nullable ClassRewriter everyClass) {
    this.targets = targets;
    this.rewriters = List.copyOf(rewriters);
    this.everyClass = everyClass;
    this.telemetry = telemetry;
  }

  @Override
  public byte @Nullable [] transform(
      @Nullable ClassLoader loader,
      @Nullable String className,
      @Nullable Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (className == null) {
      return null; // hidden and anonymous classes have no name to match
    }
    try {
      telemetry.classLoaded(className, loader);
      if ((targets.isEmpty() && everyClass == null) || isAgentClass(className)) {
        return null;
      }
      byte[] current = classFile;
      boolean changed = false;
      if (!targets.isEmpty()) {
        scanned.increment();
      }
      if (!targets.isEmpty() && targets.mayApplyTo(classFile)) {
        matched.increment();
        byte[] rewritten = rewriteForRules(loader, className, classBeingRedefined, current);
        if (rewritten != null) {
          current = rewritten;
          changed = true;
        }
      }
      if (everyClass != null) {
        byte[] rewritten = everyClass.rewrite(loader, className, current);
        if (rewritten != null) {
          current = rewritten;
          changed = true;
        }
      }
      return changed ? current : null;
    } catch (Throwable failure) {
      telemetry.transformFailed(className, failure);
      return null;
    }
  }

  private byte @Nullable [] rewriteForRules(
      @Nullable ClassLoader loader,
      String className,
      @Nullable Class<?> classBeingRedefined,
      byte[] classFile) {
    byte[] current = classFile;
    boolean changed = false;
    for (ClassRewriter rewriter : rewriters) {
      if (classBeingRedefined != null
          && rewriter instanceof AddsMembers
          && !((AddsMembers) rewriter).addedTo(classBeingRedefined)) {
        continue; // a retransformation must not add members the loaded class lacks
      }
      byte[] rewritten =
          classBeingRedefined == null
              ? rewriter.rewrite(loader, className, current)
              : rewriter.rewriteLoaded(loader, className, current);
      if (rewritten != null) {
        current = rewritten;
        changed = true;
      }
    }
    return changed ? current : null;
  }

  static boolean isAgentClass(String className) {
    for (String agentPackage : AGENT_PACKAGES) {
      if (className.startsWith(agentPackage)) {
        return true;
      }
    }
    return false;
  }

  /** Classes whose constant pool was scanned. */
  public long scannedClasses() {
    return scanned.sum();
  }

  /** Classes that mention a rule target and went to the rewriters. */
  public long matchedClasses() {
    return matched.sum();
  }
}
