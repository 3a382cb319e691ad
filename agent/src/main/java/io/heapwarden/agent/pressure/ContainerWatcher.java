package io.heapwarden.agent.pressure;

import io.heapwarden.bootstrap.Limit;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The process's memory against the container's limit. With a cgroup limit, the cgroup's working set
 * is measured against it (the smaller of it and a configured {@code limit:}, if any). Without one,
 * the cgroup may hold a whole host or session, so a configured {@code limit:} is measured against
 * this process's own RSS; with neither, there is nothing to watch. Owned by the pressure thread.
 */
final class ContainerWatcher {
  /** How the last sample measured: nothing, the cgroup's working set, or the process's RSS. */
  enum Source {
    OFF,
    CGROUP,
    PROCESS_RSS
  }

  private final @Nullable CgroupMemory cgroup;
  private final ProcessRss rss;
  private final ProcFile file = new ProcFile();
  private long configuredLimit = Limit.UNSET;
  private Source source = Source.OFF;
  private long limit = ProcFile.NONE;
  private long used = ProcFile.NONE;

  ContainerWatcher(@Nullable CgroupMemory cgroup, ProcessRss rss) {
    this.cgroup = cgroup;
    this.rss = rss;
  }

  /** Watches the real system's files. */
  static ContainerWatcher forThisProcess() {
    Path root = Path.of("/");
    return new ContainerWatcher(CgroupMemory.locate(root), new ProcessRss(root));
  }

  /** {@code pressure.container.limit} in bytes, or {@link Limit#UNSET}. */
  void configure(long configuredLimit) {
    this.configuredLimit = configuredLimit;
  }

  /** Reads the limit and usage; returns usage as a fraction of the limit, or -1 when off. */
  double sample() {
    long cgroupLimit = cgroup == null ? ProcFile.NONE : cgroup.limit(file);
    boolean limited = cgroupLimit != ProcFile.NONE && cgroupLimit != ProcFile.UNLIMITED;
    if (limited) {
      source = Source.CGROUP;
      limit = configuredLimit > 0 ? Math.min(cgroupLimit, configuredLimit) : cgroupLimit;
      used = Objects.requireNonNull(cgroup).workingSet(file); // the limit was read from it
    } else if (configuredLimit > 0) {
      source = Source.PROCESS_RSS;
      limit = configuredLimit;
      used = rss.read(file);
    } else {
      source = Source.OFF;
      limit = ProcFile.NONE;
      used = ProcFile.NONE;
      return -1;
    }
    return used < 0 ? -1 : (double) used / limit;
  }

  /** The process's RSS now, in bytes, or -1. */
  long rss() {
    return rss.read(file);
  }

  Source source() {
    return source;
  }

  /** The limit of the last sample, in bytes, or -1. */
  long limit() {
    return limit;
  }

  /** The usage of the last sample (working set or RSS), in bytes, or -1. */
  long used() {
    return used;
  }

  /** What is measured, for the one log line when it changes. */
  String describe() {
    switch (source) {
      case CGROUP:
        // a limit was read from the cgroup: there is one
        return "working set of "
            + Objects.requireNonNull(cgroup).describe()
            + " against its limit of "
            + mib(limit);
      case PROCESS_RSS:
        return "process RSS against pressure.container.limit "
            + mib(limit)
            + (cgroup == null ? " (no memory cgroup)" : " (" + cgroup.describe() + " sets none)");
      default:
        return "off: "
            + (cgroup == null ? "no memory cgroup" : cgroup.describe() + " sets no memory limit")
            + " and pressure.container.limit is not set";
    }
  }

  static String mib(long bytes) {
    return bytes < 0 ? "n/a" : (bytes >> 20) + " MiB";
  }
}
