package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.Unsigned;
import org.jspecify.annotations.Nullable;

/**
 * The aggregated one: per telemetry interval, one event for each rule and action whose count
 * changed. Never one event per operation.
 */
@Name("heapwarden.RuleActivity")
@Label("Rule Activity")
@Description(
    "What one Heapwarden rule did in the last telemetry interval: how many times it performed one"
        + " action (evicted or trimmed entries, created or reused shared instances, failed)")
@Category("Heapwarden")
@StackTrace(false)
final class RuleActivityEvent extends Event {
  @Label("Rule")
  @Description("The rule's name, e.g. com.example.Cache.entries")
  @Nullable String rule;

  @Label("Kind")
  @Description("COLLECTION, SINGLETON, INSTANCE or SESSION")
  @Nullable String kind;

  @Label("Action")
  @Description("EVICTED, TRIMMED, CREATED, REUSED or FAILED")
  @Nullable String action;

  @Label("Count")
  @Description("How many times the action happened in the interval")
  @Unsigned
  long count;

  @Label("Size")
  @Description(
      "Entries the rule's live collections hold at the end of the interval; -1 for other kinds")
  long size;

  @Label("Bound")
  @Description("The rule's max-entries at the end of the interval; -1 when it sets none")
  long bound;

  @Label("Interval")
  @Description("Length of the interval the count covers")
  @Timespan(Timespan.NANOSECONDS)
  long interval;
}
