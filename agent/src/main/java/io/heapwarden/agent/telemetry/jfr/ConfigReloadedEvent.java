package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

@Name("heapwarden.ConfigReloaded")
@Label("Config Reloaded")
@Description("A changed Heapwarden config file was applied live, without a restart")
@Category("Heapwarden")
@StackTrace(false)
final class ConfigReloadedEvent extends Event {
  @Label("Source")
  @Description("The config file that was reloaded")
  @Nullable String source;

  @Label("Change Count")
  @Description("Number of changes applied live")
  int changeCount;

  @Label("Changes")
  @Description("The changes applied live, separated by \"; \"")
  @Nullable String changes;
}
