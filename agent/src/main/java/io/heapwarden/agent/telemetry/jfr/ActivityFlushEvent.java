package io.heapwarden.agent.telemetry.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Never committed: its periodic hook runs at the end of every recording chunk, including the last
 * one written when the JVM exits, and flushes the activity of the telemetry interval in progress.
 * So a recording always holds everything the agent did, even in a run shorter than one interval.
 */
@Name("heapwarden.ActivityFlush")
@Label("Activity Flush")
@Description(
    "Internal to Heapwarden: flushes the aggregated events of the current telemetry interval at"
        + " the end of each recording chunk. Never recorded itself.")
@Category("Heapwarden")
@Period("endChunk")
@StackTrace(false)
final class ActivityFlushEvent extends Event {}
