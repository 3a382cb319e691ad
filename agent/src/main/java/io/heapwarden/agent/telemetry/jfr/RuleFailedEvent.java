package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/** Keeps its stack trace: committed on the service thread whose call hit the failure. */
@Name("heapwarden.RuleFailed")
@Label("Rule Failed")
@Description(
    "A Heapwarden hook caught a failure of the agent's own code and disabled the rule for good;"
        + " the service's call went on unchanged")
@Category("Heapwarden")
final class RuleFailedEvent extends Event {
  @Label("Rule")
  @Description("The rule's name, e.g. com.example.Cache.entries")
  @Nullable String rule;

  @Label("Kind")
  @Description("COLLECTION, SINGLETON or INSTANCE")
  @Nullable String kind;

  @Label("Failure Class")
  @Description("Class name of the failure")
  @Nullable String failureClass;

  @Label("Failure Message")
  @Description("Message of the failure")
  @Nullable String failureMessage;
}
