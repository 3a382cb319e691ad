package io.heapwarden.bootstrap.singletons;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.Signals;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What rewritten code calls for a {@code singletons:} rule. A rewritten {@code new C(a, b)} calls a
 * synthetic method of its own class, which does:
 *
 * <pre>
 *   Object found = SingletonHooks.enter(ruleId, flags, C.class, "(LA;LB;)V", new Object[] {a, b});
 *   if (!(found instanceof Creation)) return (C) found;      // the shared instance
 *   try {
 *     return (C) SingletonHooks.created(found, new C(a, b)); // this thread builds it
 *   } catch (Throwable t) {
 *     SingletonHooks.failed(found);                          // nothing cached; waiters retry
 *     throw t;                                               // the service sees its own exception
 *   }
 * </pre>
 *
 * No lock is held while the service's constructor runs, so a constructor may create other shared
 * instances, of this rule or another. Every hook catches the agent's own failures: the rule is
 * disabled and the call builds an unshared instance, as the code did before.
 */
public final class SingletonHooks {
  /** {@code scope: thread}: one instance per thread and key. */
  public static final int THREAD_SCOPE = 1;

  /** {@code key: class}: one instance, whatever the arguments. */
  public static final int CLASS_KEY = 2;

  /** {@code on-close: release}: close() drops the instance from the registry (and closes it). */
  public static final int RELEASE_ON_CLOSE = 4;

  private static final ClassValue<SharedTable> TABLES =
      new ClassValue<SharedTable>() {
        @Override
        protected SharedTable computeValue(Class<?> type) {
          return new SharedTable();
        }
      };

  private SingletonHooks() {}

  /**
   * Returns the shared instance for the key, or a {@link Creation} when the caller must build the
   * instance (and then call {@link #created} or {@link #failed} with it).
   *
   * @param home the ruled class, or the class declaring the ruled factory method
   * @param shape the constructor's or method's descriptor
   * @param args the arguments (the receiver first for an instance method); null for key: class
   */
  public static @Nullable Object enter(
      int ruleId, int flags, Class<?> home, String shape, Object @Nullable [] args) {
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled()) {
      return Creation.UNSHARED;
    }
    Object[] keyArgs = (flags & CLASS_KEY) != 0 ? null : args;
    return find(rule, flags, home, shape, Key.of(keyArgs), keyArgs);
  }

  /**
   * {@link #enter} for a constructor or method of one reference argument, {@code key: arguments}:
   * the argument is the key, so the reuse path allocates nothing (no argument array).
   */
  public static @Nullable Object enter1(
      int ruleId, int flags, Class<?> home, String shape, Object arg) {
    if (arg == null || arg.getClass().isArray()) {
      return enter(ruleId, flags, home, shape, new Object[] {arg});
    }
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled()) {
      return Creation.UNSHARED;
    }
    return find(rule, flags, home, shape, arg, null);
  }

  /**
   * The shared instance for {@code key}, or a Creation. {@code args} may be null for a single plain
   * argument that is the key itself (materialised only on a miss).
   */
  private static @Nullable Object find(
      Rule rule, int flags, Class<?> home, String shape, Object key, Object @Nullable [] args) {
    try {
      SharedTable table = TABLES.get(home);
      Thread me = Thread.currentThread();
      Map<Object, Slot> registry =
          (flags & THREAD_SCOPE) != 0 ? table.forThread(me, shape) : table.global(shape);
      for (; ; ) {
        Slot slot = registry.get(key);
        if (slot != null) {
          if (slot.ready()) {
            rule.count(Action.REUSED);
            return slot.value();
          }
          if (slot.createdBy(me) || !slot.await(me)) {
            return Creation.UNSHARED; // re-entrant for the same key, or a deadlock avoided
          }
          continue; // ready now, or its creation failed and the key is free again
        }
        Object[] keyArgs = args;
        if (keyArgs == null && key != Key.CLASS) {
          keyArgs = new Object[] {key};
        }
        Class<?> identity = Arguments.identityCompared(keyArgs);
        if (identity != null) {
          Signals.identityArguments(rule, identity.getName());
          return Creation.UNSHARED;
        }
        Object stored = key instanceof Key ? ((Key) key).frozen() : key;
        Slot mine = new Slot(rule, stored, keyArgs, registry, me);
        if (registry.putIfAbsent(stored, mine) == null) {
          return mine;
        }
      }
    } catch (Throwable failure) {
      rule.fail(failure);
      return Creation.UNSHARED;
    }
  }

  /** The caller built {@code instance} for {@code creation}; returns it, now shared. */
  public static Object created(Object creation, Object instance) {
    if (!(creation instanceof Slot)) {
      return instance;
    }
    Slot slot = (Slot) creation;
    try {
      long nanos = System.nanoTime() - slot.startedNanos;
      if (instance instanceof AutoCloseable) {
        TABLES.get(instance.getClass()).remember(instance, slot);
      }
      slot.complete(instance);
      slot.rule.count(Action.CREATED);
      Signals.singletonCreated(slot.rule, Arguments.summary(slot.args), nanos);
    } catch (Throwable failure) {
      slot.complete(instance);
      slot.rule.fail(failure);
    }
    return instance;
  }

  /** The caller's construction for {@code creation} threw: nothing is cached, waiters retry. */
  public static void failed(Object creation) {
    if (creation instanceof Slot) {
      try {
        ((Slot) creation).fail();
      } catch (Throwable ignored) {
        // the service's own exception is on its way; ours must not replace it
      }
    }
  }

  /**
   * Called instead of {@code target.close()} on a ruled class: true when the caller should really
   * close it. A shared instance is not closed (on-close: ignore; it is closed at JVM shutdown), or
   * is dropped from the registry first (on-close: release).
   */
  public static boolean closing(Object target, int ruleId, int flags) {
    if (target == null) {
      return true; // the call throws its NullPointerException as before
    }
    Rule rule = RuleTable.get(ruleId);
    if (rule == null || !rule.enabled()) {
      return true;
    }
    try {
      SharedTable table = TABLES.get(target.getClass());
      Slot slot = table.slotOf(target);
      if (slot == null) {
        return true; // not a shared instance: an unshared one, or built elsewhere
      }
      if ((flags & RELEASE_ON_CLOSE) != 0) {
        table.forget(target, slot);
        return true;
      }
      DeferredCloses.add(target);
      Signals.closeIgnored(rule, target.getClass().getName());
      return false;
    } catch (Throwable failure) {
      rule.fail(failure);
      return true;
    }
  }
}
