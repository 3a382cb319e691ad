package io.heapwarden.agent.pressure;

import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The memory pressure guard: one daemon thread, {@code heapwarden-pressure}, that turns heap and
 * container readings into a level (normal, warn, critical, with hysteresis) and acts at critical: a
 * heap dump if configured, the emergency (bounds scaled to {@code trim-to}, the short idle
 * timeout), the immediate trim of thread-safe bounded collections, then a GC nudge and native trim
 * at most once per {@code min-interval}. Back to normal, the emergency ends and bounds are what the
 * config says.
 *
 * <p>The thread sleeps while nothing is elevated and the container is not watched: the JVM's
 * collection-usage notification wakes it. It never throws: a failing check is reported once.
 */
public final class PressureGuard {
  /** How often readings are taken while something is elevated or the container is watched. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final HeapWatcher heap;
  private final ContainerWatcher container;
  private final GcNudge nudge;
  private final HeapDumper dumper;
  private final PressureEvents events;
  private final Supplier<List<Rule>> rules;
  private final LongSupplier clock;
  private final LevelTracker heapLevel = new LevelTracker();
  private final LevelTracker containerLevel = new LevelTracker();

  private volatile PressureSettings settings;
  private volatile Thread thread;
  private volatile boolean stopped;

  // Owned by the pressure thread (or a test calling check()).
  private PressureLevel level = PressureLevel.NORMAL;
  private boolean emergency;
  private long lastNudge;
  private boolean nudged;
  private long lastConfirm;
  private boolean confirmed;
  private ContainerWatcher.Source lastSource;
  private boolean failureReported;
  private double armedAt = -1;

  PressureGuard(
      PressureSettings settings,
      HeapWatcher heap,
      ContainerWatcher container,
      GcNudge nudge,
      HeapDumper dumper,
      PressureEvents events,
      Supplier<List<Rule>> rules,
      LongSupplier clock) {
    this.settings = settings;
    this.heap = heap;
    this.container = container;
    this.nudge = nudge;
    this.dumper = dumper;
    this.events = events;
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * Starts the guard for this JVM on its own daemon thread, off the caller's; the settings may say
   * it is off (it then sleeps until a reload turns it on).
   */
  public static PressureGuard start(
      PressureSettings settings, PressureEvents events, Supplier<List<Rule>> rules) {
    Waker waker = new Waker();
    PressureGuard guard =
        new PressureGuard(
            settings,
            HeapWatcher.start(waker),
            ContainerWatcher.forThisProcess(),
            new GcNudge(DiagnosticCommands.detect()),
            new HeapDumper(),
            events,
            rules,
            System::nanoTime);
    waker.guard = guard;
    Thread thread = new Thread(guard::run, "heapwarden-pressure");
    thread.setDaemon(true);
    guard.thread = thread;
    thread.start();
    return guard;
  }

  /** Applies reloaded settings: thresholds, limit and actions take effect at the next check. */
  public void reconfigure(PressureSettings next) {
    settings = next;
    wake();
  }

  /** Stops the thread and ends an emergency (tests; the agent's guard runs until exit). */
  public void stop() {
    stopped = true;
    wake();
  }

  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void run() {
    while (!stopped) {
      boolean ticking = true;
      try {
        ticking = check();
      } catch (Throwable failure) {
        if (!failureReported) {
          failureReported = true;
          events.note(true, "the memory pressure guard failed a check; it keeps trying", failure);
        }
      }
      if (stopped) {
        break;
      }
      if (ticking) {
        LockSupport.parkNanos(this, TICK_NANOS);
      } else {
        LockSupport.park(this);
      }
    }
    if (emergency) {
      MemoryPressure.endEmergency();
    }
  }

  /**
   * One check: readings, level, actions. Returns whether the next check should come on a tick
   * (something elevated, the container watched, or no heap notifications), rather than only when
   * woken.
   */
  boolean check() {
    PressureSettings s = settings;
    if (!s.enabled()) {
      if (emergency) {
        endEmergency();
      }
      heapLevel.reset();
      containerLevel.reset();
      level = PressureLevel.NORMAL;
      return false;
    }
    if (heap != null && armedAt != s.heapWarn()) {
      heap.arm(s.heapWarn());
      armedAt = s.heapWarn();
    }
    container.configure(s.containerLimit());

    double heapUsed = heap == null ? -1 : heap.sample();
    if (heap != null) {
      heap.wakeAbove(s.heapCritical());
      if (heapUsed < s.heapCritical() && heap.occupancy() >= s.heapCritical() && confirmDue(s)) {
        // The heap is nearly full of old data, live or not: one collection tells which.
        lastConfirm = clock.getAsLong();
        confirmed = true;
        events.gcNudged(nudge.run(true, false, container::rss));
        heapUsed = heap.sample();
      }
    }
    PressureLevel onHeap = heapLevel.update(heapUsed, s.heapWarn(), s.heapCritical());
    double containerUsed = container.sample();
    ContainerWatcher.Source source = container.source();
    if (source != lastSource) {
      lastSource = source;
      events.note(false, "container memory: " + container.describe(), null);
    }
    PressureLevel inContainer;
    if (source == ContainerWatcher.Source.OFF) {
      containerLevel.reset();
      inContainer = PressureLevel.NORMAL;
    } else {
      inContainer = containerLevel.update(containerUsed, s.containerWarn(), s.containerCritical());
    }
    PressureLevel next = PressureLevel.max(onHeap, inContainer);
    long heapAfterGc = heap == null ? -1 : heap.usedAfterGc();
    long heapMax = heap == null ? -1 : heap.max();
    PressureReadings.update(
        next.ordinal(), heapAfterGc, heapMax, container.used(), container.limit());

    if (next != level) {
      PressureLevel previous = level;
      level = next;
      events.levelChanged(
          next,
          previous,
          cause(next, onHeap, inContainer),
          heapAfterGc,
          heapMax,
          container.used(),
          container.limit(),
          container.rss());
      maybeDump(s, next);
      if (next == PressureLevel.CRITICAL) {
        startEmergency(s);
      } else if (next == PressureLevel.NORMAL && emergency) {
        endEmergency();
      }
    } else if (next == PressureLevel.CRITICAL && nudgeDue(s)) {
      act(s); // still critical a whole min-interval later: trim and nudge again
    }
    return level != PressureLevel.NORMAL
        || emergency
        || source != ContainerWatcher.Source.OFF
        || heap == null
        || !heap.notifies();
  }

  /** The current level (tests). */
  PressureLevel level() {
    return level;
  }

  private void startEmergency(PressureSettings s) {
    MemoryPressure.enterEmergency(
        (int) Math.round(s.trimTo() * 100), Math.max(1, s.idleTimeout().toNanos()));
    emergency = true;
    act(s);
  }

  private void act(PressureSettings s) {
    EmergencyTrim.Result trimmed = EmergencyTrim.run(rules.get());
    events.emergencyTrimmed(trimmed);
    if ((s.gc() || s.trimNative()) && nudgeDue(s)) {
      nudged = true;
      lastNudge = clock.getAsLong();
      events.gcNudged(nudge.run(s.gc(), s.trimNative(), container::rss));
    }
  }

  private boolean nudgeDue(PressureSettings s) {
    return !nudged || clock.getAsLong() - lastNudge >= s.minInterval().toNanos();
  }

  /** A confirming collection needs {@code gc: true}, at most one per min-interval. */
  private boolean confirmDue(PressureSettings s) {
    return s.gc() && (!confirmed || clock.getAsLong() - lastConfirm >= s.minInterval().toNanos());
  }

  private void endEmergency() {
    MemoryPressure.endEmergency();
    emergency = false;
  }

  private void maybeDump(PressureSettings s, PressureLevel next) {
    if (s.heapDumpPath() == null || dumper.done()) {
      return;
    }
    boolean due =
        s.heapDumpOn() == PressureSettings.HeapDumpOn.WARN
            ? next != PressureLevel.NORMAL
            : next == PressureLevel.CRITICAL;
    if (!due) {
      return;
    }
    try {
      Path written =
          dumper.dump(HeapDumper.resolve(s.heapDumpPath(), ProcessHandle.current().pid()));
      events.note(true, "wrote a heap dump at " + next + " pressure to " + written, null);
    } catch (Exception | LinkageError failed) {
      events.note(true, "could not write the heap dump: " + failed, null);
    }
  }

  private static String cause(PressureLevel level, PressureLevel heap, PressureLevel container) {
    if (level == PressureLevel.NORMAL) {
      return "all below warn";
    }
    if (heap == level && container == level) {
      return "heap and container";
    }
    return heap == level ? "heap" : "container";
  }

  /** The notification listener's way to the guard, set once the guard exists. */
  private static final class Waker implements Runnable {
    volatile PressureGuard guard;

    @Override
    public void run() {
      PressureGuard g = guard;
      if (g != null) {
        g.wake();
      }
    }
  }
}
