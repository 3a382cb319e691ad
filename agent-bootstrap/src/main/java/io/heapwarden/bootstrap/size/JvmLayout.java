package io.heapwarden.bootstrap.size;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The object layout parameters of the running JVM that sizes depend on: reference size, header
 * sizes and object alignment. Read once from the {@code HotSpotDiagnosticMXBean}'s VM options; when
 * that is unavailable (another VM, a runtime image without {@code jdk.management}), falls back to
 * HotSpot's defaults for the heap size (compressed oops below 32 GiB, 8-byte alignment).
 */
public final class JvmLayout {
  private static final long COMPRESSED_OOPS_HEAP_LIMIT = 32L << 30;

  /** Bytes of a reference field or array element. */
  final int referenceBytes;

  /** Bytes of an object header (mark word and class pointer). */
  final int objectHeaderBytes;

  /** Bytes before an array's first element (header and length). */
  final int arrayHeaderBytes;

  /** Every object's size is a multiple of this. */
  final int alignment;

  /** Whether a String of Latin-1 characters stores one byte per character. */
  final boolean compactStrings;

  JvmLayout(
      boolean compressedOops,
      boolean compressedClassPointers,
      boolean compactHeaders,
      int alignment,
      boolean compactStrings) {
    this.compactStrings = compactStrings;
    this.referenceBytes = compressedOops ? 4 : 8;
    this.objectHeaderBytes = compactHeaders ? 8 : compressedClassPointers ? 12 : 16;
    this.arrayHeaderBytes = compactHeaders ? 12 : compressedClassPointers ? 16 : 20;
    this.alignment = alignment;
  }

  /** The running JVM's layout, read on first use. */
  public static JvmLayout current() {
    return Holder.CURRENT;
  }

  long align(long bytes) {
    long mask = alignment - 1L;
    return (bytes + mask) & ~mask;
  }

  /** The size of an array of {@code length} elements of {@code elementBytes} each. */
  long arrayBytes(int length, int elementBytes) {
    return align(arrayHeaderBytes + (long) length * elementBytes);
  }

  @Override
  public String toString() {
    return "references "
        + referenceBytes
        + " B, object header "
        + objectHeaderBytes
        + " B, array header "
        + arrayHeaderBytes
        + " B, alignment "
        + alignment
        + " B";
  }

  private static final class Holder {
    static final JvmLayout CURRENT = read();

    private static JvmLayout read() {
      boolean fallbackOops = Runtime.getRuntime().maxMemory() < COMPRESSED_OOPS_HEAP_LIMIT;
      try {
        HotSpotDiagnosticMXBean vm =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null) {
          return new JvmLayout(fallbackOops, true, false, 8, true);
        }
        boolean oops = flag(vm, "UseCompressedOops", fallbackOops);
        boolean classPointers = flag(vm, "UseCompressedClassPointers", true);
        boolean compact = flag(vm, "UseCompactObjectHeaders", false); // JDK 24+
        int alignment = (int) number(vm, "ObjectAlignmentInBytes", 8);
        boolean compactStrings = flag(vm, "CompactStrings", true);
        return new JvmLayout(
            oops,
            classPointers,
            compact,
            Integer.bitCount(alignment) == 1 ? alignment : 8,
            compactStrings);
      } catch (Throwable unavailable) { // no jdk.management, or not HotSpot: the usual defaults
        return new JvmLayout(fallbackOops, true, false, 8, true);
      }
    }

    private static boolean flag(HotSpotDiagnosticMXBean vm, String name, boolean fallback) {
      try {
        return Boolean.parseBoolean(vm.getVMOption(name).getValue());
      } catch (RuntimeException unknown) { // an option this JVM does not have
        return fallback;
      }
    }

    private static long number(HotSpotDiagnosticMXBean vm, String name, long fallback) {
      try {
        return Long.parseLong(vm.getVMOption(name).getValue());
      } catch (RuntimeException unknown) {
        return fallback;
      }
    }
  }
}
