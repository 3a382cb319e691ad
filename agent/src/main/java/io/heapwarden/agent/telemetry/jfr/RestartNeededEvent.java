package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

@Name("heapwarden.RestartNeeded")
@Label("Restart Needed")
@Description(
    "A reloaded Heapwarden config contains changes that take effect only after the service is"
        + " restarted; until then the affected rules keep their old behaviour")
@Category("Heapwarden")
@StackTrace(false)
final class RestartNeededEvent extends Event {
  @Label("Source")
  @Description("The config file that was reloaded")
  @Nullable String source;

  @Label("Change Count")
  @Description("Number of changes waiting for a restart")
  int changeCount;

  @Label("Changes")
  @Description("The changes waiting for a restart, separated by \"; \"")
  @Nullable String changes;
}
