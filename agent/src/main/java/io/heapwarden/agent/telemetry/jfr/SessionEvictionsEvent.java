package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Unsigned;
import org.jspecify.annotations.Nullable;

/** Per telemetry interval, one event per session rule and reason with evictions: never one each. */
@Name("heapwarden.SessionEvictions")
@Label("Session Evictions")
@Description(
    "The sessions one Heapwarden session rule evicted for one reason in the last telemetry"
        + " interval, with their ages and idle times")
@Category("Heapwarden")
@StackTrace(false)
final class SessionEvictionsEvent extends Event {
  @Label("Rule")
  @Description("The rule's name: the field of the session map")
  @Nullable String rule;

  @Label("Reason")
  @Description("capacity (beyond max-sessions), idle (idle-timeout) or pressure (memory critical)")
  @Nullable String reason;

  @Label("Count")
  @Description("How many sessions the rule evicted for this reason in the interval")
  @Unsigned
  long count;

  @Label("Max Age")
  @Description("The oldest evicted session's age, since it was first stored")
  @Timespan(Timespan.NANOSECONDS)
  long maxAge;

  @Label("Average Age")
  @Description("The evicted sessions' mean age")
  @Timespan(Timespan.NANOSECONDS)
  long averageAge;

  @Label("Max Idle Time")
  @Description("The longest time an evicted session had gone unused")
  @Timespan(Timespan.NANOSECONDS)
  long maxIdle;

  @Label("Average Idle Time")
  @Description("The evicted sessions' mean time since last use")
  @Timespan(Timespan.NANOSECONDS)
  long averageIdle;

  @Label("Estimated Size")
  @Description("The evicted sessions' estimated shallow sizes, summed")
  @DataAmount
  long estimatedSize;

  @Label("Interval")
  @Description("Length of the interval the count covers")
  @Timespan(Timespan.NANOSECONDS)
  long interval;
}
