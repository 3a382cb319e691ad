package io.heapwarden.agent.pressure;

import java.io.File;
import java.nio.file.Path;

/** This process's resident set size, from {@code VmRSS} in {@code /proc/self/status}. */
final class ProcessRss {
  private final File status;

  ProcessRss(Path root) {
    this.status = root.resolve("proc/self/status").toFile();
  }

  /** Resident bytes, or {@link ProcFile#NONE} where there is no such file (not Linux). */
  long read(ProcFile file) {
    if (!file.read(status)) {
      return ProcFile.NONE;
    }
    long kib = file.field("VmRSS:");
    return kib == ProcFile.NONE ? ProcFile.NONE : kib * 1024;
  }
}
