package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One per emergency trim of the pressure guard. */
@Name("heapwarden.EmergencyTrim")
@Label("Emergency Trim")
@Description(
    "The memory pressure guard trimmed the live thread-safe bounded collections and session"
        + " stores to their scaled-down bounds")
@Category("Heapwarden")
@StackTrace(false)
final class EmergencyTrimEvent extends Event {
  @Label("Collections")
  @Description("Thread-safe bounded collections trimmed")
  int collections;

  @Label("Sessions")
  @Description("Session stores trimmed")
  int sessions;

  @Label("Entries Dropped")
  long dropped;

  @Label("Deferred")
  @Description("Bounded collections that are not thread-safe: they shrink on their next write")
  int deferred;
}
