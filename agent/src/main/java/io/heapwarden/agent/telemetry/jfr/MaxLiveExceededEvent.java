package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * Committed on the thread that just built the newest instance, so its stack trace is that
 * instance's allocation stack (below the agent's own frames). At most one per rule and second.
 */
@Name("heapwarden.MaxLiveExceeded")
@Label("Max Live Exceeded")
@Description(
    "More instances of a class named by a Heapwarden instances: rule are alive than its max-live;"
        + " the stack trace is where the newest one was built")
@Category("Heapwarden")
@StackTrace(true)
final class MaxLiveExceededEvent extends Event {
  @Label("Rule")
  @Description("The rule's name: the counted class")
  @Nullable String rule;

  @Label("Class")
  @Description("The class of the newest instance (the counted class or a subclass)")
  @Nullable String instanceClass;

  @Label("Live")
  @Description("Instances alive when the newest one was built, as far as the collector has told")
  long live;

  @Label("Max Live")
  @Description("The rule's max-live")
  long maxLive;
}
