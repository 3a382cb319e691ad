package io.heapwarden.agent.pressure;

import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A trim and a collection on request ({@code POST /cleanup}), through the guard's own action path:
 * the thread-safe bounded collections and session stores trimmed as at critical pressure (to {@code
 * trim-to} of their bounds, or to the share in force during an emergency), then a GC nudge, both
 * reported like the guard's. Outside an emergency the bounds are scaled only for the trim and
 * restored at once: a request must not leave the service in an emergency no level justifies.
 *
 * <p>Runs on the guard's thread when there is a guard ({@link PressureGuard#requestCleanup}), so
 * that it never races the guard's own emergency; without one, on the caller's thread, serialized by
 * the caller.
 */
public final class Cleanup {
  private static final Object WITHOUT_GUARD = new Object();
  private static volatile @Nullable GcNudge standaloneNudge;

  private Cleanup() {}

  /**
   * The cleanup when no pressure guard runs ({@code pressure:} not configured); {@code settings}
   * gives {@code trim-to} and {@code trim-native} (their defaults without the section).
   */
  public static CleanupResult withoutGuard(
      PressureSettings settings, List<Rule> rules, TelemetryPressureEvents events) {
    synchronized (WITHOUT_GUARD) {
      GcNudge nudge = standaloneNudge;
      if (nudge == null) {
        nudge = new GcNudge(null);
        standaloneNudge = nudge;
      }
      nudge.commands(); // GC.run rather than System.gc(), which -XX:+DisableExplicitGC ignores
      ProcessRss rss = new ProcessRss(Path.of("/"));
      ProcFile file = new ProcFile();
      return run(settings, rules, nudge, () -> rss.read(file), false, events);
    }
  }

  /**
   * Trims and collects. {@code inEmergency}: the guard holds the bounds scaled now, so they are
   * left as they are.
   */
  static CleanupResult run(
      PressureSettings settings,
      List<Rule> rules,
      GcNudge nudge,
      LongSupplier rss,
      boolean inEmergency,
      PressureEvents events) {
    int percent =
        inEmergency ? MemoryPressure.boundPercent() : Escalation.percent(settings.trimTo());
    EmergencyTrim.Result trimmed;
    if (inEmergency) {
      trimmed = EmergencyTrim.run(rules);
    } else {
      MemoryPressure.enterEmergency(percent, MemoryPressure.NO_IDLE_OVERRIDE);
      try {
        trimmed = EmergencyTrim.run(rules);
      } finally {
        MemoryPressure.endEmergency();
      }
    }
    events.emergencyTrimmed(trimmed);
    GcNudge.Result collected = nudge.run(true, settings.trimNative(), rss, false);
    events.gcNudged(collected);
    return new CleanupResult(
        percent,
        trimmed.collections(),
        trimmed.sessions(),
        trimmed.dropped(),
        trimmed.deferred(),
        collected.mechanism(),
        collected.heapBefore(),
        collected.heapAfter(),
        collected.rssBefore(),
        collected.rssAfter(),
        collected.durationNanos(),
        collected.nativeTrim());
  }
}
