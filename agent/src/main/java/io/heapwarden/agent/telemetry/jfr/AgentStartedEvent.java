package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

@Name("heapwarden.AgentStarted")
@Label("Agent Started")
@Description(
    "The Heapwarden agent finished starting: how long its premain took, how many rules it"
        + " installed and which config they came from")
@Category("Heapwarden")
@StackTrace(false)
final class AgentStartedEvent extends Event {
  @Label("Startup Duration")
  @Description("Time spent in premain before the service's main method could run")
  @Timespan(Timespan.NANOSECONDS)
  long startupDuration;

  @Label("Rules")
  @Description("Number of rules installed")
  int ruleCount;

  @Label("Config Source")
  @Description("The config file the rules came from, or \"defaults\"")
  @Nullable String configSource;
}
