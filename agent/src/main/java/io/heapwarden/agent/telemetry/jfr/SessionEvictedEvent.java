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

/**
 * One evicted session, for a few evictions per interval only (see {@code SessionStats}): under load
 * the aggregated {@link SessionEvictionsEvent} carries the rest.
 */
@Name("heapwarden.SessionEvicted")
@Label("Session Evicted")
@Description("One session a Heapwarden session rule evicted (a sample: at most a few per interval)")
@Category("Heapwarden")
@StackTrace(false)
final class SessionEvictedEvent extends Event {
  @Label("Rule")
  @Description("The rule's name: the field of the session map")
  @Nullable String rule;

  @Label("Reason")
  @Description("capacity, idle or pressure")
  @Nullable String reason;

  @Label("Age")
  @Description("Time since the session was first stored")
  @Timespan(Timespan.NANOSECONDS)
  long age;

  @Label("Idle Time")
  @Description("Time since the session was last used")
  @Timespan(Timespan.NANOSECONDS)
  long idle;

  @Label("Estimated Size")
  @Description("The session's estimated shallow size")
  @DataAmount
  long estimatedSize;
}
