package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/** One per GC nudge of the pressure guard. */
@Name("heapwarden.GcNudge")
@Label("GC Nudge")
@Description(
    "The memory pressure guard asked the JVM to collect and return memory to the OS under"
        + " critical pressure")
@Category("Heapwarden")
@StackTrace(false)
final class GcNudgeEvent extends Event {
  @Label("Mechanism")
  @Description("DiagnosticCommand GC.run, System.gc, or none (only a native trim)")
  @Nullable String mechanism;

  @Label("Heap Before")
  @DataAmount
  long heapBefore;

  @Label("Heap After")
  @DataAmount
  long heapAfter;

  @Label("RSS Before")
  @DataAmount
  long rssBefore;

  @Label("RSS After")
  @DataAmount
  long rssAfter;

  @Label("Nudge Duration")
  @Timespan
  long nudgeDuration;

  @Label("Native Trim")
  @Description("The JVM's report of System.trim_native_heap, or unsupported / off")
  @Nullable String nativeTrim;
}
