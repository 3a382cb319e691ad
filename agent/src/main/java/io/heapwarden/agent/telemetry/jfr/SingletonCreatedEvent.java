package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/**
 * One per shared instance built (once per key and scope, so rare by design). Reuses are not events
 * of their own: they are counted and reported per interval in {@code heapwarden.RuleActivity}.
 */
@Name("heapwarden.SingletonCreated")
@Label("Singleton Created")
@Description(
    "A Heapwarden singleton rule built the shared instance for a new key; later equal"
        + " constructions or calls reuse it")
@Category("Heapwarden")
@StackTrace(true)
final class SingletonCreatedEvent extends Event {
  @Label("Rule")
  @Description("The rule's name: the ruled class, or the factory method")
  @Nullable String rule;

  @Label("Key")
  @Description(
      "The key's arguments: strings, numbers and enums by value, arrays by type and length, other"
          + " objects by class name; (class) for key: class")
  @Nullable String key;

  @Label("Construction Time")
  @Description("How long the constructor or factory method took")
  @Timespan(Timespan.NANOSECONDS)
  long constructionTime;
}
