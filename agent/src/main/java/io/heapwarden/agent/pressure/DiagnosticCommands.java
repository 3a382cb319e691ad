package io.heapwarden.agent.pressure;

import java.lang.management.ManagementFactory;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's diagnostic commands ({@code jcmd}) through the {@code DiagnosticCommand} MBean: {@code
 * GC.run} ({@code gcRun}) and {@code System.trim_native_heap} ({@code systemTrimNativeHeap}, JDK
 * 21+ and recent 17u builds). {@code GC.run} collects even under {@code -XX:+DisableExplicitGC},
 * which only blocks {@code System.gc()} (checked on JDK 17 and 25).
 */
final class DiagnosticCommands {
  private static final String[] SIGNATURE = {String[].class.getName()};

  /** None at all: where the MBean is missing, or not looked for yet. */
  static final DiagnosticCommands NONE = new DiagnosticCommands(null, null, false, false);

  private final @Nullable MBeanServer server; // null for NONE, with name
  private final @Nullable ObjectName name;
  private final boolean gcRun;
  private final boolean trimNativeHeap;

  private DiagnosticCommands(
      @Nullable MBeanServer server,
      @Nullable ObjectName name,
      boolean gcRun,
      boolean trimNativeHeap) {
    this.server = server;
    this.name = name;
    this.gcRun = gcRun;
    this.trimNativeHeap = trimNativeHeap;
  }

  /** This JVM's commands; a stand-in with none when the MBean is missing. Never throws. */
  static DiagnosticCommands detect() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
      boolean gc = false;
      boolean trim = false;
      for (MBeanOperationInfo operation : server.getMBeanInfo(name).getOperations()) {
        gc |= operation.getName().equals("gcRun");
        trim |= operation.getName().equals("systemTrimNativeHeap");
      }
      return new DiagnosticCommands(server, name, gc, trim);
    } catch (Exception | LinkageError none) {
      return NONE;
    }
  }

  boolean hasGcRun() {
    return gcRun;
  }

  boolean hasTrimNativeHeap() {
    return trimNativeHeap;
  }

  /** {@code jcmd GC.run}; returns its output. */
  String gcRun() throws Exception {
    return invoke("gcRun");
  }

  /** {@code jcmd System.trim_native_heap}; returns its output ("RSS+Swap: 101M->100M ..."). */
  String trimNativeHeap() throws Exception {
    return invoke("systemTrimNativeHeap");
  }

  /** {@code jcmd GC.class_histogram}: instances and bytes per class, live objects only. */
  String classHistogram() throws Exception {
    return invoke("gcClassHistogram");
  }

  private String invoke(String operation) throws Exception {
    if (server == null || name == null) {
      throw new IllegalStateException("no DiagnosticCommand MBean in this JVM");
    }
    Object out = server.invoke(name, operation, new Object[] {null}, SIGNATURE);
    return out == null ? "" : out.toString().trim();
  }
}
