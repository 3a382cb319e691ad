package io.heapwarden.agent.pressure;

import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The memory pressure guard: one daemon thread, {@code heapwarden-pressure}, that turns heap and
 * container readings into a level (normal, warn, critical, with hysteresis) and acts at critical: a
 * heap dump if configured, the emergency (bounds scaled to {@code trim-to}, the short idle
 * timeout), the immediate trim of thread-safe bounded collections, then a GC nudge and native trim
 * at most once per {@code min-interval}. While pressure stays critical after a trim and a
 * collection, the bounds go further down ({@link Escalation}); back to normal, they come back up
 * step by step. With {@code exit-after}, critical pressure at the floor for that long stops the JVM
 * ({@link LastResort}).
 *
 * <p>Started on the premain thread when the config has {@code pressure:}: it reads the heap from
 * {@code Runtime} before the service's {@code main} runs, and from the JMX pools once {@link
 * #prepare()} armed them on the agent's background thread. The thread sleeps while nothing is
 * elevated and the container is not watched, until the JVM notifies it. It never dies: a failing
 * check, an {@code OutOfMemoryError} included, is reported once and the guard goes on.
 *
 * <p>Longer than most classes here (about 600 lines) because the level, the confirming collection,
 * the escalation steps, the last resort and the cleanups asked for by {@code POST /cleanup} all
 * decide on the pressure thread's one set of state (level, last nudge, last confirmed reading,
 * whether an emergency holds the bounds); what stands alone lives apart: {@link Escalation}, {@link
 * LastResort}, {@link ScaledBounds}, {@link HeapWatcher}, {@link EmergencyTrim}, {@link Cleanup}.
 */
public final class PressureGuard {
  /**
   * How often the heap is read while all is well: the JVM's notifications wake the guard sooner,
   * but come late under load, and a spike fills a small heap in a few hundred ms.
   */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How often readings are taken at warn and critical. */
  static final long ELEVATED_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** A rise between two checks that makes a reading above warn a spike to confirm at once. */
  static final double SPIKE = 0.10;

  /**
   * How much the heap must grow past the last confirmed reading to confirm again at once; and the
   * container past its reading after the last nudge to nudge again at once.
   */
  static final double CONFIRM_GROWTH = 0.05;

  /** Preallocated: reporting a failure under OutOfMemoryError must not need memory. */
  private static final String CHECK_FAILED =
      "the memory pressure guard failed a check; it keeps trying";

  private volatile @Nullable HeapWatcher heap; // armed by prepare(), off the premain thread
  private boolean runtimeUntilArmed; // until then, the heap as Runtime reports it
  private final ContainerWatcher container;
  private final GcNudge nudge;
  private final HeapDumper dumper;
  private final PressureEvents events;
  private final Supplier<List<Rule>> rules;
  private final LongSupplier clock;
  private final LastResort.Exit exit;
  private final LevelTracker heapLevel = new LevelTracker();
  private final LevelTracker containerLevel = new LevelTracker();
  private final Escalation escalation = new Escalation();

  private volatile PressureSettings settings;
  private volatile @Nullable Thread thread;
  private final ConcurrentLinkedQueue<CompletableFuture<CleanupResult>> cleanups =
      new ConcurrentLinkedQueue<>();
  private volatile boolean stopped;

  // Owned by the pressure thread (or a test calling check()).
  private PressureLevel level = PressureLevel.NORMAL;
  private long lastNudge;
  private boolean nudged;
  private long lastConfirm;
  private double lastSettled = -1; // the heap reading right after the last confirming collection
  private double lastReading = -1; // the heap reading at the previous check
  private double containerReading = -1; // the container's share at this check, -1 when off
  private double containerAfterNudge = -1; // the container's share right after the last nudge
  private boolean confirmed;
  private boolean exhausted; // the last check ran out of heap: the next one reads critical
  private ContainerWatcher.@Nullable Source lastSource;
  private boolean failureReported;
  private boolean exited;
  private double armedWarn = -1;
  private double armedCritical = -1;
  private long tickNanos = TICK_NANOS;
  private long normalSince; // when the level last changed (to normal, when it is normal)

  PressureGuard(
      PressureSettings settings,
      @Nullable HeapWatcher heap,
      ContainerWatcher container,
      GcNudge nudge,
      HeapDumper dumper,
      PressureEvents events,
      Supplier<List<Rule>> rules,
      LongSupplier clock,
      LastResort.Exit exit) {
    this.settings = settings;
    this.heap = heap;
    this.container = container;
    this.nudge = nudge;
    this.dumper = dumper;
    this.events = events;
    this.rules = rules;
    this.clock = clock;
    this.exit = exit;
  }

  /**
   * Starts the guard for this JVM: the heap's thresholds and GC listener are armed on the caller's
   * thread (premain), the checks run on the guard's own daemon thread; the settings may say it is
   * off (it then sleeps until a reload turns it on).
   */
  public static PressureGuard start(
      PressureSettings settings, PressureEvents events, Supplier<List<Rule>> rules) {
    PressureGuard guard =
        new PressureGuard(
            settings,
            null,
            ContainerWatcher.forThisProcess(),
            new GcNudge(null),
            new HeapDumper(),
            events,
            rules,
            new LongSupplier() { // not a method reference: no lambda in premain
              @Override
              public long getAsLong() {
                return System.nanoTime();
              }
            },
            LastResort.SYSTEM);
    Thread thread =
        new Thread(
            new Runnable() {
              @Override
              public void run() {
                guard.run();
              }
            },
            "heapwarden-pressure");
    thread.setDaemon(true);
    guard.thread = thread;
    guard.runtimeUntilArmed = true;
    thread.start();
    return guard;
  }

  /**
   * Finds the JVM's diagnostic commands (the platform MBean server: tens of ms) off the premain and
   * pressure threads; until then a nudge is {@code System.gc()}.
   */
  public void prepare() {
    try {
      if (runtimeUntilArmed && heap == null) {
        PressureSettings s = settings;
        HeapWatcher armed = HeapWatcher.start(s.heapWarn(), s.heapCritical());
        if (armed != null) {
          armed.wakeWith(
              new Runnable() {
                @Override
                public void run() {
                  wake();
                }
              });
          heap = armed;
        }
      }
    } catch (Throwable unavailable) {
      // the heap stays read as Runtime reports it
    }
    try {
      nudge.commands();
    } catch (Throwable unavailable) {
      // the nudge stays System.gc()
    }
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

  /**
   * A trim and a collection now ({@code POST /cleanup}), done on the guard's thread between two
   * checks, so that it never races the guard's own emergency (see {@link Cleanup}).
   */
  public CompletableFuture<CleanupResult> requestCleanup() {
    CompletableFuture<CleanupResult> done = new CompletableFuture<>();
    cleanups.add(done);
    wake();
    return done;
  }

  /**
   * The requested cleanups, on the guard's thread (tests: the caller's); a failure fails its
   * request only.
   */
  void serveCleanups() {
    for (CompletableFuture<CleanupResult> request = cleanups.poll();
        request != null;
        request = cleanups.poll()) {
      try {
        CleanupResult result =
            Cleanup.run(settings, rules.get(), nudge, container::rss, escalation.active(), events);
        checkGuarded(); // the readings after the collection, before the caller reads them
        request.complete(result);
      } catch (Throwable failure) {
        request.completeExceptionally(failure);
      }
    }
  }

  void wake() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private void run() {
    while (!stopped) {
      boolean ticking = checkGuarded();
      serveCleanups();
      if (stopped) {
        break;
      }
      if (ticking) {
        LockSupport.parkNanos(this, tickNanos);
      } else {
        LockSupport.park(this);
      }
    }
    if (escalation.active()) {
      MemoryPressure.endEmergency();
    }
  }

  /**
   * The guard's own check ran out of heap: the heap is full now, whatever the last reading said (a
   * spike can fill it between two checks). The bounds go to {@code trim-to} at once, with no
   * allocation (two volatile writes the service's next write reads), and the next check reads the
   * heap as critical, so that the level, the escalation and the reports follow the usual path.
   */
  private void heapExhausted() {
    PressureSettings s = settings;
    if (!s.enabled() || level == PressureLevel.CRITICAL) {
      return;
    }
    if (!escalation.active()) {
      MemoryPressure.enterEmergency(Escalation.percent(s.trimTo()), idleNanos(s));
    }
    exhausted = true;
  }

  /** One check whose failure is reported once and ends nothing: the guard goes on. */
  boolean checkGuarded() {
    try {
      return check();
    } catch (OutOfMemoryError outOfHeap) {
      heapExhausted();
      reportFailure(outOfHeap);
    } catch (Throwable failure) {
      reportFailure(failure);
    }
    return true;
  }

  private void reportFailure(Throwable failure) {
    if (failureReported) {
      return;
    }
    failureReported = true;
    try {
      // No stack trace for an OutOfMemoryError: the service's own is the one that matters.
      events.note(true, CHECK_FAILED, failure instanceof OutOfMemoryError ? null : failure);
    } catch (Throwable alsoFailed) {
      failureReported = false; // try again at the next failure, when memory may be back
    }
  }

  /**
   * One check: readings, level, actions. Returns whether the next check should come on a tick
   * (something elevated, the container watched, or no heap notifications), rather than only when
   * woken.
   */
  boolean check() {
    PressureSettings s = settings;
    HeapWatcher h = heap;
    if (!s.enabled()) {
      if (escalation.active()) {
        escalation.reset();
        MemoryPressure.endEmergency();
        PressureReadings.boundsScaled(Escalation.NONE, Escalation.NONE);
      }
      heapLevel.reset();
      containerLevel.reset();
      level = PressureLevel.NORMAL;
      return false;
    }
    if (h != null && (armedWarn != s.heapWarn() || armedCritical != s.heapCritical())) {
      h.arm(s.heapWarn(), s.heapCritical());
      armedWarn = s.heapWarn();
      armedCritical = s.heapCritical();
    }
    container.configure(s.containerLimit());

    double heapUsed = h != null ? h.current() : runtimeUntilArmed ? RuntimeHeap.reading() : -1;
    // A spike: above warn and SPIKE higher than at the previous check; critical may come before
    // the next one.
    boolean spiking = heapUsed >= s.heapWarn() && heapUsed - lastReading >= SPIKE;
    double previousReading = lastReading;
    lastReading = heapUsed;
    if (exhausted && heapUsed >= 0) {
      exhausted = false;
      heapUsed = Math.max(heapUsed, s.heapCritical());
      spiking = false;
    }
    if (heapUsed >= 0
        && (heapUsed >= s.heapCritical() || spiking)
        && level != PressureLevel.CRITICAL) {
      if (h != null) {
        h.crossedSinceLastLook();
      }
      if (confirmDue(s, heapUsed)) {
        // Old objects fill the heap, live or not: one full collection tells which. Meanwhile the
        // bounds are already scaled, so that the service's own writes shrink its collections
        // during a spike. If the collection finds less than critical and no collection had to
        // evict meanwhile, it was only garbage: the bounds are restored at once.
        boolean provisional = !escalation.active();
        long evicted = provisional ? EmergencyTrim.evictions(rules.get()) : 0;
        if (provisional) {
          MemoryPressure.enterEmergency(Escalation.percent(s.trimTo()), idleNanos(s));
        }
        lastConfirm = now();
        confirmed = true;
        collect();
        double live = h != null ? h.current() : RuntimeHeap.reading();
        lastSettled = live;
        if (!provisional || live >= s.heapCritical()) {
          heapUsed = live;
        } else if (EmergencyTrim.evictions(rules.get()) == evicted
            && !liveSpike(previousReading, live, s)) {
          heapUsed = live;
          MemoryPressure.endEmergency();
        } else {
          // the service filled its collections up to the scaled bounds meanwhile, or its live set
          // alone grew by a spike since the last check: critical, before the rest of the heap fills
          heapUsed = Math.max(heapUsed, s.heapCritical());
        }
      } else if (s.gc()) {
        heapUsed = Math.min(heapUsed, lastSettled); // garbage over a live set confirmed lately
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
    containerReading = source == ContainerWatcher.Source.OFF ? -1 : containerUsed;
    if (source == ContainerWatcher.Source.OFF) {
      containerLevel.reset();
      inContainer = PressureLevel.NORMAL;
    } else {
      inContainer = containerLevel.update(containerUsed, s.containerWarn(), s.containerCritical());
    }
    PressureLevel next = PressureLevel.max(onHeap, inContainer);
    long heapAfterGc = heapUsedBytes(h);
    long heapMax = heapMaxBytes(h);
    PressureReadings.update(
        next.ordinal(), heapAfterGc, heapMax, container.used(), container.limit());

    if (next != level) {
      PressureLevel previous = level;
      level = next;
      normalSince = now();
      if (next == PressureLevel.CRITICAL) {
        // The bounds first: one volatile write the service's next write reads; reports after.
        int before = escalation.percent();
        int after = escalation.start(Escalation.percent(s.trimTo()), now());
        MemoryPressure.enterEmergency(after, idleNanos(s));
        scale(before, after, s, "critical");
      }
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
        act(s, containerGrew(s));
      }
    } else if (next == PressureLevel.CRITICAL) {
      stillCritical(s);
    }
    if (level == PressureLevel.NORMAL && escalation.active()) {
      scale(
          escalation.percent(),
          escalation.raise(
              Escalation.percent(s.trimTo()),
              Escalation.floor(s.trimFloor(), s.trimTo()),
              s.minInterval().toNanos(),
              normalSince,
              now()),
          s,
          "normal again");
    }
    if (s.exitAfter() != null && !exited) {
      long atFloor =
          escalation.criticalAtFloor(
              level == PressureLevel.CRITICAL, Escalation.floor(s.trimFloor(), s.trimTo()), now());
      if (atFloor >= s.exitAfter().toNanos()) {
        lastResort(s, atFloor);
      }
    }
    tickNanos = level == PressureLevel.NORMAL ? TICK_NANOS : ELEVATED_TICK_NANOS;
    return true;
  }

  /** The current level (tests). */
  PressureLevel level() {
    return level;
  }

  /**
   * Critical, as at the last check: lower the bounds once a collection after the last change still
   * finds it critical; run that collection if the JVM has not; else trim and nudge again each
   * {@code min-interval}.
   */
  private void stillCritical(PressureSettings s) {
    long now = now();
    int floor = Escalation.floor(s.trimFloor(), s.trimTo());
    HeapWatcher h = heap;
    long collectedAt = Math.max(nudged ? lastNudge : 0, h == null ? 0 : h.settledAt());
    if (escalation.mayLower(floor, now) && escalation.judges(collectedAt)) {
      scale(
          escalation.percent(),
          escalation.lower(floor, now),
          s,
          "still critical after a trim and a collection");
      trim();
    } else if (escalation.mayLower(floor, now) && s.gc()) {
      collect(); // the collection that judges the lowered bounds
    } else if (nudgeDue(s) || containerGrew(s)) {
      // still critical a whole min-interval later, or the process grew on since the last nudge
      // (what the service's writes evicted is freed only by a collection): trim and nudge again
      act(s, true);
    }
  }

  /** Trims, and nudges when one is due ({@code min-interval}) or {@code now}. */
  private void act(PressureSettings s, boolean now) {
    trim();
    if ((s.gc() || s.trimNative()) && (now || nudgeDue(s))) {
      nudged = true;
      lastNudge = now();
      events.gcNudged(nudge.run(s.gc(), s.trimNative(), container::rss, watchesContainer()));
      containerAfterNudge = watchesContainer() ? container.sample() : -1;
    }
  }

  /**
   * Whether the container's reading has grown by {@link #CONFIRM_GROWTH} of the limit since the
   * last nudge: a nudge is then due at once, whatever {@code min-interval} says. Direct buffers
   * (and heap a collection would free) evicted by the service's own writes stay resident until a
   * collection finds them unreachable; the heap's own collections do not come, since a direct
   * buffer costs the heap a few dozen bytes, so waiting for {@code min-interval} lets RSS ramp on.
   */
  private boolean containerGrew(PressureSettings s) {
    return s.gc()
        && nudged
        && containerAfterNudge >= 0
        && containerReading >= containerAfterNudge + CONFIRM_GROWTH;
  }

  private void trim() {
    events.emergencyTrimmed(EmergencyTrim.run(rules.get()));
  }

  /** A full collection now, outside {@code min-interval}: the heap read next is the live set. */
  private void collect() {
    nudged = true;
    lastNudge = now();
    events.gcNudged(nudge.run(true, false, container::rss, false));
    containerAfterNudge = watchesContainer() ? container.sample() : -1;
  }

  /** Applies a new share of the bounds (emergency first, report after) and reports the step. */
  private void scale(int before, int after, PressureSettings s, String reason) {
    if (after == before) {
      return;
    }
    if (after >= Escalation.NONE) {
      MemoryPressure.endEmergency();
    } else {
      MemoryPressure.enterEmergency(after, idleNanos(s));
    }
    PressureReadings.boundsScaled(before, after);
    events.boundsScaled(
        before,
        after,
        reason,
        ScaledBounds.describe(rules.get(), before, after),
        heapUsedBytes(heap),
        heapMaxBytes(heap));
  }

  private void lastResort(PressureSettings s, long atFloor) {
    exited = true;
    long pid = ProcessHandle.current().pid();
    String histogram =
        LastResort.writeHistogram(
            nudge.commands(), LastResort.histogramPath(s.heapDumpPath(), pid));
    String dump = null;
    if (s.heapDumpPath() != null && !dumper.done()) {
      dump = dumper.dumpOnce(s.heapDumpPath(), "before exiting");
    }
    events.exiting(
        LastResort.message(atFloor, Escalation.floor(s.trimFloor(), s.trimTo()), histogram, dump));
    exit.exit(LastResort.EXIT_STATUS);
  }

  private boolean watchesContainer() {
    return container.source() != ContainerWatcher.Source.OFF;
  }

  private boolean nudgeDue(PressureSettings s) {
    return !nudged || now() - lastNudge >= s.minInterval().toNanos();
  }

  /**
   * A confirming collection needs {@code gc: true}: at most one per min-interval, unless the heap
   * has grown by {@link #CONFIRM_GROWTH} since the last one (a spike must not wait).
   */
  private boolean confirmDue(PressureSettings s, double reading) {
    return s.gc()
        && (!confirmed
            || now() - lastConfirm >= s.minInterval().toNanos()
            || reading >= lastSettled + CONFIRM_GROWTH);
  }

  /**
   * Whether the live set, measured by a full collection, is above warn and a {@link #SPIKE} above
   * the previous check's reading. That reading counted live objects and garbage alike, so the live
   * set itself grew that much within one check: a service filling its heap, not garbage (a steady
   * live set with garbage spikes over it never passes). Seen on JDK 25's G1: the spike's first
   * confirming collection found less than critical, the bounds were restored, and the heap filled
   * before the next reading at critical could be confirmed.
   */
  private static boolean liveSpike(double previousReading, double live, PressureSettings s) {
    return previousReading >= 0 && live >= s.heapWarn() && live - previousReading >= SPIKE;
  }

  private long heapUsedBytes(@Nullable HeapWatcher h) {
    return h != null ? h.usedAfterGc() : runtimeUntilArmed ? RuntimeHeap.used() : -1;
  }

  private long heapMaxBytes(@Nullable HeapWatcher h) {
    return h != null ? h.max() : runtimeUntilArmed ? Runtime.getRuntime().maxMemory() : -1;
  }

  private static long idleNanos(PressureSettings s) {
    return Math.max(1, s.idleTimeout().toNanos());
  }

  private long now() {
    return clock.getAsLong();
  }

  private void maybeDump(PressureSettings s, PressureLevel next) {
    if (s.heapDumpPath() == null || dumper.done()) {
      return;
    }
    boolean due =
        s.heapDumpOn() == PressureSettings.HeapDumpOn.WARN
            ? next != PressureLevel.NORMAL
            : next == PressureLevel.CRITICAL;
    if (due) {
      events.note(true, dumper.dumpOnce(s.heapDumpPath(), "at " + next + " pressure"), null);
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
}
