package io.heapwarden.bootstrap.sessions.servlet;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one agent thread that expires idle servlet sessions, for every live container session map,
 * once per {@link #PERIOD_MILLIS}. Maps are held weakly (an undeployed web application's manager is
 * collected as before), and the thread is started with no context class loader, so it pins no
 * web-app loader either. It calls only the containers' own thread-safe session methods, as their
 * own background expiry threads do.
 */
final class ServletSweeper implements Runnable {
  static final long PERIOD_MILLIS = 1000;

  private static final ConcurrentLinkedQueue<WeakReference<ServletSessionMap>> MAPS =
      new ConcurrentLinkedQueue<>();
  private static volatile boolean started;

  private ServletSweeper() {}

  static void register(ServletSessionMap map) {
    MAPS.add(new WeakReference<>(map));
    if (!started) {
      start();
    }
  }

  private static synchronized void start() {
    if (started) {
      return;
    }
    Thread thread = new Thread(new ServletSweeper(), "heapwarden-servlet-sessions");
    thread.setDaemon(true);
    thread.setContextClassLoader(null);
    thread.start();
    started = true;
  }

  /** The sessions held by the live maps of {@code rule}, for the active-sessions gauge. */
  static long activeSessions(ServletRule rule) {
    long total = 0;
    for (WeakReference<ServletSessionMap> ref : MAPS) {
      ServletSessionMap map = ref.get();
      if (map != null && map.rule() == rule) {
        total += map.size();
      }
    }
    return total;
  }

  @Override
  public void run() {
    while (true) {
      try {
        Thread.sleep(PERIOD_MILLIS);
        sweepAll();
      } catch (InterruptedException stop) {
        return;
      } catch (Throwable unexpected) {
        // each map reports its own failures to its rule; nothing here may end the thread
      }
    }
  }

  static void sweepAll() {
    for (Iterator<WeakReference<ServletSessionMap>> it = MAPS.iterator(); it.hasNext(); ) {
      ServletSessionMap map = it.next().get();
      if (map == null) {
        it.remove();
      } else {
        map.sweep();
      }
    }
  }
}
