package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.threads.AgentThreads;
import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one background thread that expires idle sessions of thread-safe session maps, so that they go
 * even when no request comes. It holds the maps weakly (a map the service dropped is never kept
 * alive) and only calls {@link ConcurrentSessionMap#expireIdle()}, which is safe from any thread.
 * Maps that are not thread-safe are never touched by it: they expire sessions on the service's own
 * next access. Started by the first thread-safe session map; a daemon, so it never holds the JVM.
 */
public final class SessionSweeper implements Runnable {
  /** How often the sweeper looks; an idle session goes at most this much after its timeout. */
  static final long PERIOD_MILLIS = 1000;

  static final String THREAD_NAME = "heapwarden-session-sweeper";

  private static final ConcurrentLinkedQueue<WeakReference<ConcurrentSessionMap<?, ?>>> MAPS =
      new ConcurrentLinkedQueue<>();
  private static volatile @Nullable Thread thread;

  /**
   * Thread-safe session stores other than {@link ConcurrentSessionMap}, swept on this same thread:
   * the servlet preset's container session maps.
   */
  private static final ConcurrentLinkedQueue<WeakReference<Sweepable>> OTHERS =
      new ConcurrentLinkedQueue<>();

  private SessionSweeper() {}

  /** A thread-safe session store that expires its idle sessions when swept; guarded inside. */
  public interface Sweepable {
    void sweep();
  }

  /** Sweeps {@code store} once per period from now on, for as long as it is reachable. */
  public static void register(Sweepable store) {
    OTHERS.add(new WeakReference<>(store));
    if (thread == null) {
      start();
    }
  }

  static void register(ConcurrentSessionMap<?, ?> map) {
    MAPS.add(new WeakReference<>(map));
    if (thread == null) {
      start();
    }
  }

  private static synchronized void start() {
    if (thread != null) {
      return;
    }
    // Started by whichever service thread stores the first map, often inside a static
    // initializer: AgentThreads keeps that thread's loader and context out of the sweeper.
    Thread sweeper = AgentThreads.newLoop(THREAD_NAME, new SessionSweeper());
    sweeper.start();
    thread = sweeper;
  }

  /** One pass over every live map; returns the sessions it expired. */
  static int sweepOnce() {
    int expired = 0;
    for (Iterator<WeakReference<ConcurrentSessionMap<?, ?>>> it = MAPS.iterator(); it.hasNext(); ) {
      ConcurrentSessionMap<?, ?> map = it.next().get();
      if (map == null) {
        it.remove();
      } else {
        expired += map.expireIdle(); // guarded inside: a failure disables that map's rule
      }
    }
    for (Iterator<WeakReference<Sweepable>> it = OTHERS.iterator(); it.hasNext(); ) {
      Sweepable store = it.next().get();
      if (store == null) {
        it.remove();
      } else {
        store.sweep();
      }
    }
    return expired;
  }

  @Override
  public void run() {
    while (true) {
      try {
        TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
        sweepOnce();
      } catch (InterruptedException stop) {
        return;
      } catch (Throwable unexpected) {
        // expireIdle guards itself; anything else (memory out) must not end the sweeping
        AgentThreads.report(unexpected);
      }
    }
  }
}
