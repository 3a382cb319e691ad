package io.heapwarden.agent.instrument.singletons;

import java.lang.reflect.Method;

/**
 * For rewriters that add methods or fields to the classes they rewrite. A retransformation may not
 * add or remove members: such a rewriter is rerun on a class being retransformed only if it had
 * rewritten that class when it was loaded (its output is deterministic, so the members match);
 * classes loaded before the agent (dynamic attach) are left as they are.
 */
public interface AddsMembers {
  /** Whether {@code type} already has members this agent added (methods named heapwarden$...). */
  static boolean addedTo(Class<?> type) {
    try {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().startsWith(SyntheticMethods.PREFIX)) {
          return true;
        }
      }
    } catch (Throwable cannotTell) {
      // a signature type that cannot be loaded: leave the class alone
    }
    return false;
  }
}
