package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.OnClose;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.config.SingletonKey;
import io.heapwarden.agent.config.SingletonRule;
import io.heapwarden.agent.config.SingletonScope;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.bootstrap.singletons.DeferredCloses;
import io.heapwarden.bootstrap.singletons.SingletonHooks;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * From the configured {@code singletons:} and {@code instances:} rules to their rewriter (or none),
 * and the shutdown hook that closes shared instances whose close() was ignored. Plain loops and
 * named classes: this runs in premain.
 */
public final class SingletonRules {
  private SingletonRules() {}

  /** The rewriter for these rules, or null when there are none. Rule ids are list positions. */
  public static SingletonRewriter rewriter(List<RuleSpec> specs) {
    List<SingletonTarget> singletons = new ArrayList<>();
    List<InstanceTarget> instances = new ArrayList<>();
    boolean deferredCloses = false;
    for (int id = 0; id < specs.size(); id++) {
      RuleSpec spec = specs.get(id);
      if (spec instanceof SingletonRule rule) {
        int flags = flags(rule);
        if (rule.className() != null) {
          singletons.add(
              SingletonTarget.forClass(id, rule.name(), rule.className().replace('.', '/'), flags));
          deferredCloses |= rule.onClose() != OnClose.RELEASE;
        } else {
          singletons.add(
              SingletonTarget.forMethod(
                  id,
                  rule.name(),
                  rule.method().internalClassName(),
                  rule.method().methodName(),
                  rule.method().parameterTypes(),
                  flags));
        }
      } else if (spec instanceof InstanceRule rule) {
        instances.add(new InstanceTarget(id, rule.name(), rule.className().replace('.', '/')));
      }
    }
    if (singletons.isEmpty() && instances.isEmpty()) {
      return null;
    }
    if (deferredCloses) {
      closeAtShutdown();
    }
    return new SingletonRewriter(singletons, instances, new LoggedOnce());
  }

  static int flags(SingletonRule rule) {
    int flags = 0;
    if (rule.scope() == SingletonScope.THREAD) {
      flags |= SingletonHooks.THREAD_SCOPE;
    }
    if (rule.key() == SingletonKey.CLASS) {
      flags |= SingletonHooks.CLASS_KEY;
    }
    if (rule.onClose() == OnClose.RELEASE) {
      flags |= SingletonHooks.RELEASE_ON_CLOSE;
    }
    return flags;
  }

  /** An agent thread (see {@link AgentThreads}): it keeps no loader of the service alive. */
  private static void closeAtShutdown() {
    Thread hook =
        AgentThreads.newThread(
            "heapwarden-deferred-close",
            new Runnable() {
              @Override
              public void run() {
                DeferredCloses.closeAll();
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
