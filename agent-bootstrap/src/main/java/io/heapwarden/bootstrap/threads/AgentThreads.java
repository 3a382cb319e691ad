package io.heapwarden.bootstrap.threads;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * The one way the agent makes its threads (on the boot side, so that the session sweeper uses it
 * too). Every agent thread:
 *
 * <ul>
 *   <li>is a daemon named {@code heapwarden-*}, in the root thread group, at normal priority;
 *   <li>captures nothing of the service: no context class loader, no inheritable thread locals, and
 *       no inherited access-control context. On JDK 17 a new thread keeps the access-control
 *       context of the code that created it, with the protection domain, and so the class loader,
 *       of every class on that stack: a thread started lazily inside a plugin's static initializer
 *       would pin the plugin's loader for ever. The thread is created inside {@code doPrivileged},
 *       where that stack walk stops at this class (boot code, no protection domain);
 *   <li>never dies of a failure: whatever escapes its task is reported in one line (at most one a
 *       minute, prepared in advance and with no stack trace when memory is out) and, for a loop,
 *       the task runs again after a pause that doubles up to {@link AgentThread#MAX_PAUSE_MILLIS};
 *       an uncaught-exception handler that cannot throw is the last fence.
 * </ul>
 */
public final class AgentThreads {
  /** Every agent thread's name starts with this. */
  public static final String PREFIX = "heapwarden-";

  private AgentThreads() {}

  /**
   * A thread (not started) that runs {@code task} once: start-up work, shutdown hooks. A failure is
   * reported and ends the thread.
   */
  public static Thread newThread(String name, Runnable task) {
    return create(name, task, false);
  }

  /**
   * A thread (not started) for a loop: {@code body} holds the loop and returns to end the thread;
   * when anything escapes it (say, an {@link OutOfMemoryError} in its own failure handling), it is
   * reported and {@code body} runs again after a pause. An interrupt during that pause ends it.
   */
  public static Thread newLoop(String name, Runnable body) {
    return create(name, body, true);
  }

  /**
   * For code on an agent thread that must catch a failure itself and go on (a periodic task of an
   * executor, whose executor would cancel it otherwise): reports it the way the thread would.
   */
  public static void report(Throwable failure) {
    Thread current = Thread.currentThread();
    FailureReport report =
        current instanceof AgentThread ? ((AgentThread) current).failures() : FailureReport.OTHER;
    report.report(failure);
  }

  // Why "removal": AccessController is deprecated for removal with the security manager, and does
  // nothing from JDK 24 on, where threads capture no access-control context anyway. On JDK 17-23
  // this call is what keeps a thread from inheriting the creating code's context.
  @SuppressWarnings("removal")
  private static Thread create(String name, Runnable task, boolean restart) {
    String full = name.startsWith(PREFIX) ? name : PREFIX + name;
    return AccessController.doPrivileged(
        new PrivilegedAction<Thread>() {
          @Override
          public Thread run() {
            return new AgentThread(rootGroup(), task, full, restart);
          }
        });
  }

  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
