package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/** One per change of the memory pressure level. */
@Name("heapwarden.MemoryPressure")
@Label("Memory Pressure")
@Description("The memory pressure level changed; sizes are -1 where not measured")
@Category("Heapwarden")
@StackTrace(false)
final class MemoryPressureEvent extends Event {
  @Label("Level")
  @Description("NORMAL, WARN or CRITICAL")
  @Nullable String level;

  @Label("Previous Level")
  @Nullable String previous;

  @Label("Cause")
  @Description("Which measure is at the level: heap, container, or heap and container")
  @Nullable String cause;

  @Label("Heap Used After GC")
  @Description("Long-lived heap pools in use after their last collection")
  @DataAmount
  long heapUsed;

  @Label("Heap Max")
  @DataAmount
  long heapMax;

  @Label("Working Set")
  @Description("The cgroup's working set, or the process RSS when pressure.container.limit applies")
  @DataAmount
  long workingSet;

  @Label("Limit")
  @Description("The container memory limit in force")
  @DataAmount
  long limit;

  @Label("RSS")
  @Description("The process's resident set size")
  @DataAmount
  long rss;
}
