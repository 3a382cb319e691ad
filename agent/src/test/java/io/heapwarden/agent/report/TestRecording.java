package io.heapwarden.agent.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Path;
import jdk.jfr.Event;
import jdk.jfr.Recording;

/**
 * A real JFR recording made in this JVM from the agent's own event classes (package-private in
 * telemetry.jfr, so built by reflection): what the report reads is what the agent writes.
 */
final class TestRecording implements AutoCloseable {
  private static final String EVENTS = "io.heapwarden.agent.telemetry.jfr.";

  private final Recording recording = new Recording();

  TestRecording() {
    recording.start();
  }

  /** Records a JDK event as well, e.g. {@code jdk.GCHeapSummary}. */
  TestRecording enable(String jdkEvent) {
    recording.enable(jdkEvent);
    return this;
  }

  /** Commits {@code heapwarden.<name>} with the fields given as name, value pairs. */
  TestRecording commit(String name, Object... fieldsAndValues) {
    try {
      Class<? extends Event> type = Class.forName(EVENTS + name + "Event").asSubclass(Event.class);
      recording.enable(type);
      Constructor<?> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      Event event = (Event) constructor.newInstance();
      for (int i = 0; i < fieldsAndValues.length; i += 2) {
        Field field = type.getDeclaredField((String) fieldsAndValues[i]);
        field.setAccessible(true);
        field.set(event, fieldsAndValues[i + 1]);
      }
      event.commit();
      return this;
    } catch (ReflectiveOperationException noSuchEvent) {
      throw new IllegalArgumentException("no event heapwarden." + name, noSuchEvent);
    }
  }

  TestRecording activity(
      String rule, String kind, String action, long count, long size, long bound) {
    return commit(
        "RuleActivity",
        "rule",
        rule,
        "kind",
        kind,
        "action",
        action,
        "count",
        count,
        "size",
        size,
        "bound",
        bound,
        "interval",
        10_000_000_000L);
  }

  /** A {@code SessionEvictions} event; ages and idle times in seconds. */
  TestRecording sessions(
      String rule, String reason, long count, long maxAgeSeconds, long maxIdleSeconds, long bytes) {
    return commit(
        "SessionEvictions",
        "rule",
        rule,
        "reason",
        reason,
        "count",
        count,
        "maxAge",
        maxAgeSeconds * 1_000_000_000L,
        "maxIdle",
        maxIdleSeconds * 1_000_000_000L,
        "estimatedSize",
        bytes);
  }

  /**
   * A {@code MemoryPressure} event caused by the heap, of a 100 MiB heap and an RSS of 150 MiB; the
   * heap in MiB, the working set and limit in bytes (-1: no container).
   */
  TestRecording pressure(
      String previous, String level, long heapUsedMib, long workingSet, long limit) {
    long mib = 1024 * 1024;
    return commit(
        "MemoryPressure",
        "previous",
        previous,
        "level",
        level,
        "cause",
        "heap",
        "heapUsed",
        heapUsedMib * mib,
        "heapMax",
        100 * mib,
        "workingSet",
        workingSet,
        "limit",
        limit,
        "rss",
        150 * mib);
  }

  /** A {@code GcNudge} event; sizes in bytes, the duration in milliseconds. */
  TestRecording nudge(
      String mechanism,
      long heapBefore,
      long heapAfter,
      long rssBefore,
      long rssAfter,
      long millis,
      String nativeTrim) {
    return commit(
        "GcNudge",
        "mechanism",
        mechanism,
        "heapBefore",
        heapBefore,
        "heapAfter",
        heapAfter,
        "rssBefore",
        rssBefore,
        "rssAfter",
        rssAfter,
        "nudgeDuration",
        millis * 1_000_000L,
        "nativeTrim",
        nativeTrim);
  }

  Path dump(Path file) {
    try {
      recording.stop();
      recording.dump(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    recording.close();
  }
}
