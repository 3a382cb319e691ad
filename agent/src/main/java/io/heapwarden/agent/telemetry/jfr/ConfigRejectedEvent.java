package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

@Name("heapwarden.ConfigRejected")
@Label("Config Rejected")
@Description(
    "A changed Heapwarden config file is invalid and was not applied; the last good config stays"
        + " in force")
@Category("Heapwarden")
@StackTrace(false)
final class ConfigRejectedEvent extends Event {
  @Label("Source")
  @Description("The config in force, whose changed file was rejected")
  @Nullable String source;

  @Label("Problem Count")
  @Description("Number of problems found in the file")
  int problemCount;

  @Label("Problems")
  @Description("Each problem as file:line:column: key: message, separated by \"; \"")
  @Nullable String problems;
}
