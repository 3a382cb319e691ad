package io.heapwarden.agent.pressure;

import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.telemetry.Incident;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.agent.telemetry.Telemetry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** The guard's reports as the agent's telemetry incidents (JFR, log, counters). */
public final class TelemetryPressureEvents implements PressureEvents {
  private final Telemetry telemetry;

  public TelemetryPressureEvents(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public void levelChanged(
      PressureLevel level,
      PressureLevel previous,
      String cause,
      long heapUsed,
      long heapMax,
      long workingSet,
      long limit,
      long rss) {
    telemetry.pressure(
        new Incident.PressureChanged(
            level.name(), previous.name(), cause, heapUsed, heapMax, workingSet, limit, rss));
  }

  @Override
  public void gcNudged(GcNudge.Result result) {
    if (!result.mechanism().equals("none")) {
      PressureReadings.gcNudged();
    }
    telemetry.pressure(
        new Incident.GcNudged(
            result.mechanism(),
            result.heapBefore(),
            result.heapAfter(),
            result.rssBefore(),
            result.rssAfter(),
            Duration.ofNanos(result.durationNanos()),
            result.nativeTrim()));
  }

  @Override
  public void emergencyTrimmed(EmergencyTrim.Result result) {
    telemetry.pressure(
        new Incident.EmergencyTrimmed(
            result.collections(), result.sessions(), result.dropped(), result.deferred()));
  }

  @Override
  public void boundsScaled(
      int before, int after, String reason, String bounds, long heapUsed, long heapMax) {
    telemetry.pressure(new Incident.BoundsScaled(before, after, reason, bounds, heapUsed, heapMax));
  }

  @Override
  public void exiting(String message) {
    AgentLog.get(PressureGuard.class).error(message);
  }

  @Override
  public void note(boolean warning, String message, @Nullable Throwable failure) {
    Logger log = AgentLog.get(PressureGuard.class);
    if (warning) {
      log.warn(message, failure);
    } else {
      log.info(message);
    }
  }
}
