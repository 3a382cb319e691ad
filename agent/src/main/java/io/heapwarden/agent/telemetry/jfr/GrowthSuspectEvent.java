package io.heapwarden.agent.telemetry.jfr;

import io.heapwarden.agent.telemetry.Incident;
import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;
import org.jspecify.annotations.Nullable;

/** One per field discovery finds growing; {@code suggest} turns these into rules. */
@Name("heapwarden.GrowthSuspect")
@Label("Growth Suspect")
@Description(
    "A collection-typed field of the service whose collections kept growing over the judged"
        + " window (discovery)")
@Category("Heapwarden")
final class GrowthSuspectEvent extends Event {
  @Label("Field")
  @Description("The field, e.g. com.example.ResponseCache.entries")
  @Nullable String field;

  @Label("Type")
  @Description("The field's declared type, e.g. java.util.Map")
  @Nullable String type;

  @Label("Count")
  @Description("Elements (entries of a map) in the field's live tracked collections")
  long count;

  @Label("Instances")
  @Description("Live tracked collections stored in the field (one for a static field)")
  int instances;

  @Label("Growth per Minute")
  @Description("Least-squares growth of the count, in elements a minute")
  double perMinute;

  @Label("Estimated Bytes")
  @Description("Estimated retained size of the field's collections; -1 when unknown")
  @DataAmount
  long bytes;

  @Label("Heap Growth per Minute")
  @Description("The heap's used-after-GC growth over the same window, in bytes a minute")
  double heapPerMinute;

  @Label("Window")
  @Description("The time over which the growth was judged")
  @Timespan
  long window;

  static void commit(Incident.GrowthSuspect suspect) {
    GrowthSuspectEvent event = new GrowthSuspectEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.field = suspect.field();
    event.type = suspect.type();
    event.count = suspect.count();
    event.instances = suspect.instances();
    event.perMinute = suspect.perMinute();
    event.bytes = suspect.bytes();
    event.heapPerMinute = suspect.heapPerMinute();
    event.window = suspect.window().toNanos();
    event.commit();
  }
}
