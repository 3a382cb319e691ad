package io.heapwarden.agent.pressure;

import java.nio.file.Path;

/** This process's resident set size for readers outside the guard ({@code GET /health}). */
public final class ProcessMemory {
  private static final ProcessRss RSS = new ProcessRss(Path.of("/"));

  private ProcessMemory() {}

  /** Resident bytes now, or -1 where {@code /proc/self/status} has none (not Linux). */
  public static long rss() {
    long bytes = RSS.read(new ProcFile());
    return bytes < 0 ? -1 : bytes;
  }
}
