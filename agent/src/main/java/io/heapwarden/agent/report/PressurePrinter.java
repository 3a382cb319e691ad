package io.heapwarden.agent.report;

import static io.heapwarden.agent.report.RecordingSummary.number;
import static io.heapwarden.agent.report.RecordingSummary.text;
import static io.heapwarden.agent.report.RecordingSummary.typeIs;
import static io.heapwarden.agent.report.Units.bytes;
import static io.heapwarden.agent.report.Units.nanos;
import static io.heapwarden.agent.report.Units.plural;

import java.io.PrintStream;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The pressure section: episodes (from leaving NORMAL to returning to it) with their escalation
 * steps, emergency trims and GC nudges in time order, and what each nudge freed.
 */
final class PressurePrinter {
  private static final String NORMAL = "NORMAL";

  private final RecordingSummary summary;
  private final PrintStream out;

  PressurePrinter(RecordingSummary summary, PrintStream out) {
    this.summary = summary;
    this.out = out;
  }

  void print() {
    long episodes = 0;
    long trims = 0;
    long dropped = 0;
    long nudges = 0;
    long heapFreed = 0;
    long rssFreed = 0;
    String peak = NORMAL;
    for (RecordedEvent event : summary.pressure) {
      if (typeIs(event, "MemoryPressure")) {
        String level = text(event, "level");
        episodes += startsEpisode(event) ? 1 : 0;
        peak = rank(level) > rank(peak) ? level : peak;
      } else if (typeIs(event, "EmergencyTrim")) {
        trims++;
        dropped += Math.max(0, number(event, "dropped"));
      } else {
        nudges++;
        heapFreed += freed(event, "heapBefore", "heapAfter");
        rssFreed += freed(event, "rssBefore", "rssAfter");
      }
    }
    out.println();
    out.println(
        "Memory pressure: "
            + plural(episodes, "episode", "episodes")
            + " (peak "
            + peak
            + "), "
            + plural(trims, "emergency trim", "emergency trims")
            + " ("
            + dropped
            + " entries dropped), "
            + plural(nudges, "GC nudge", "GC nudges")
            + " (freed "
            + bytes(heapFreed)
            + " of heap, "
            + bytes(rssFreed)
            + " of RSS)");
    long episode = 0;
    for (RecordedEvent event : summary.pressure) {
      if (typeIs(event, "MemoryPressure") && startsEpisode(event)) {
        out.println("  episode " + ++episode);
      }
      out.println("    " + Units.offset(summary.first, event.getStartTime()) + "  " + step(event));
    }
  }

  private static boolean startsEpisode(RecordedEvent event) {
    return NORMAL.equals(text(event, "previous")) && !NORMAL.equals(text(event, "level"));
  }

  private static int rank(String level) {
    return "CRITICAL".equals(level) ? 2 : "WARN".equals(level) ? 1 : 0;
  }

  /** Bytes freed: before minus after, 0 when either was not measured or memory grew. */
  private static long freed(RecordedEvent event, String before, String after) {
    long was = number(event, before);
    long is = number(event, after);
    return was < 0 || is < 0 ? 0 : Math.max(0, was - is);
  }

  private static String step(RecordedEvent event) {
    if (typeIs(event, "MemoryPressure")) {
      return text(event, "previous")
          + " -> "
          + text(event, "level")
          + " ("
          + text(event, "cause")
          + "): heap after GC "
          + bytes(number(event, "heapUsed"))
          + " of "
          + bytes(number(event, "heapMax"))
          + ", working set "
          + bytes(number(event, "workingSet"))
          + " of "
          + bytes(number(event, "limit"))
          + ", RSS "
          + bytes(number(event, "rss"));
    }
    if (typeIs(event, "EmergencyTrim")) {
      return "emergency trim: "
          + number(event, "dropped")
          + " entries dropped from "
          + plural(number(event, "collections"), "collection", "collections")
          + " and "
          + plural(number(event, "sessions"), "session store", "session stores")
          + "; "
          + number(event, "deferred")
          + " not thread-safe shrink on their next write";
    }
    return "GC nudge by "
        + text(event, "mechanism")
        + " in "
        + nanos(number(event, "nudgeDuration"))
        + ": heap "
        + bytes(number(event, "heapBefore"))
        + " -> "
        + bytes(number(event, "heapAfter"))
        + " (freed "
        + bytes(freed(event, "heapBefore", "heapAfter"))
        + "), RSS "
        + bytes(number(event, "rssBefore"))
        + " -> "
        + bytes(number(event, "rssAfter"))
        + " (freed "
        + bytes(freed(event, "rssBefore", "rssAfter"))
        + "); native trim: "
        + text(event, "nativeTrim");
  }
}
