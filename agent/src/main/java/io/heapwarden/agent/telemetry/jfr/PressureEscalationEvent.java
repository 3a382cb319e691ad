package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.Incident;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/** One per escalation step of the pressure guard, down or back up. */
@Name("heapwarden.PressureEscalation")
@Label("Pressure Escalation")
@Description(
    "The memory pressure guard changed the share of their bound that bounded collections and"
        + " session stores keep")
@Category("Heapwarden")
@StackTrace(false)
final class PressureEscalationEvent extends Event {
  @Label("Before")
  @Description("The share before, in percent (100: no emergency)")
  int before;

  @Label("After")
  @Description("The share after, in percent (100: the emergency is over)")
  int after;

  @Label("Reason")
  @Nullable String reason;

  @Label("Bounds")
  @Description("Ruled bounds before and after the step")
  @Nullable String bounds;

  @Label("Heap Used")
  @Description("Heap in use after the latest collection, bytes (-1 unknown)")
  long heapUsed;

  @Label("Heap Max")
  long heapMax;

  static void commit(Incident.BoundsScaled scaled) {
    PressureEscalationEvent event = new PressureEscalationEvent();
    if (event.isEnabled()) {
      event.before = scaled.before();
      event.after = scaled.after();
      event.reason = scaled.reason();
      event.bounds = scaled.bounds();
      event.heapUsed = scaled.heapUsed();
      event.heapMax = scaled.heapMax();
      event.commit();
    }
  }
}
