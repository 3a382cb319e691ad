package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/** A rule that does nothing: its class lacks what it names, or has not loaded in time. */
@Name("heapwarden.RuleUnresolved")
@Label("Rule Unresolved")
@Description(
    "A Heapwarden rule does nothing: its class loaded without the field or method it names (or"
        + " with a field it cannot bound), or has not loaded after telemetry.not-matched-after")
@Category("Heapwarden")
final class RuleUnresolvedEvent extends Event {
  @Label("Rule")
  @Description("The rule's name, e.g. com.example.Cache.entries")
  @Nullable String rule;

  @Label("Location")
  @Description("Where the rule is written: file:line:column, key")
  @Nullable String location;

  @Label("Class Loaded")
  @Description("Whether the rule's class has loaded (false: not matched in time)")
  boolean classLoaded;

  @Label("Problem")
  @Description("What is wrong")
  @Nullable String problem;

  @Label("Hint")
  @Description("How to fix it, e.g. did you mean 'entries'?")
  @Nullable String hint;
}
