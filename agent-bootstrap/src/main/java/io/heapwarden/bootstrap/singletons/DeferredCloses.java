package io.heapwarden.bootstrap.singletons;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Shared instances whose close() was ignored (on-close: ignore), closed for real at JVM shutdown.
 * Held weakly: an instance that became unreachable (its class loader went away) is not kept for its
 * close, and does not keep its loader.
 */
public final class DeferredCloses {
  private static final List<WeakReference<Object>> PENDING = new ArrayList<>();

  private DeferredCloses() {}

  static void add(Object instance) {
    synchronized (PENDING) {
      for (Iterator<WeakReference<Object>> it = PENDING.iterator(); it.hasNext(); ) {
        Object pending = it.next().get();
        if (pending == instance) {
          return;
        } else if (pending == null) {
          it.remove();
        }
      }
      PENDING.add(new WeakReference<>(instance));
    }
  }

  /**
   * Closes every instance whose close was deferred; what a close throws is swallowed, one by one.
   * The agent calls this from its shutdown hook. Returns how many were closed.
   */
  public static int closeAll() {
    List<Object> toClose = new ArrayList<>();
    synchronized (PENDING) {
      for (WeakReference<Object> ref : PENDING) {
        Object instance = ref.get();
        if (instance != null) {
          toClose.add(instance);
        }
      }
      PENDING.clear();
    }
    int closed = 0;
    for (Object instance : toClose) {
      try {
        ((AutoCloseable) instance).close();
        closed++;
      } catch (Throwable ignored) {
        // shutting down: one failing close must not stop the others
      }
    }
    return closed;
  }

  static int pending() {
    synchronized (PENDING) {
      int n = 0;
      for (WeakReference<Object> ref : PENDING) {
        if (ref.get() != null) {
          n++;
        }
      }
      return n;
    }
  }
}
