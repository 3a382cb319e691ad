package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.bootstrap.singletons.DeferredCloses;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the rewriter of the {@code singletons:} and {@code instances:} rules' targets, with the
 * shutdown hook that closes shared instances whose close() was ignored and the log of the sites it
 * leaves unchanged. Plain loops and named classes: this runs in premain.
 */
public final class SingletonRules {
  private SingletonRules() {}

  /**
   * The rewriter for these targets; {@code deferredCloses}: some rule ignores close(), so the
   * shared instances are closed at shutdown.
   */
  public static SingletonRewriter rewriter(
      List<SingletonTarget> singletons, List<InstanceTarget> instances, boolean deferredCloses) {
    if (deferredCloses) {
      closeAtShutdown();
    }
    return new SingletonRewriter(singletons, instances, new LoggedOnce());
  }

  /** An agent thread (see {@link AgentThreads}): it keeps no loader of the service alive. */
  private static void closeAtShutdown() {
    Thread hook =
        AgentThreads.newThread(
            "heapwarden-deferred-close",
            new Runnable() {
              @Override
              public void run() {
                if (BootClasses.available(BootSet.SINGLETONS)) { // else nothing was shared
                  DeferredCloses.closeAll();
                }
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Counts every skipped site and logs each once per rule, class and reason, at INFO (the class
   * works as before), with the count so far.
   */
  private static final class LoggedOnce implements SkippedSites {
    private static final int MAX_REMEMBERED = 4096;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    @Override
    public void skipped(String ruleName, String className, String reason) {
      long total = count.incrementAndGet();
      if (seen.size() < MAX_REMEMBERED && !seen.add(ruleName + className + reason)) {
        return;
      }
      AgentLog.get(SingletonRules.class)
          .info(
              "{}: in {}, {} ({} ruled sites left unchanged so far)",
              ruleName,
              className.replace('/', '.'),
              reason,
              total);
    }
  }
}
