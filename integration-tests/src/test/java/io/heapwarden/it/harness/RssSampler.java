package io.heapwarden.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a process's peak resident set size: the kernel's own high-water mark (VmHWM in
 * /proc/PID/status), read until the process is gone.
 */
final class RssSampler {
  private final AtomicLong peak = new AtomicLong(-1);
  private final Thread thread;
  private volatile boolean stopped;

  private RssSampler(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    this.thread =
        new Thread(
            () -> {
              while (!stopped) {
                long hwm = readKilobytes(status, "VmHWM:");
                if (hwm < 0) {
                  return;
                }
                peak.accumulateAndGet(hwm * 1024, Math::max);
                try {
                  Thread.sleep(25);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "it-rss-" + pid);
    thread.setDaemon(true);
    thread.start();
  }

  static RssSampler start(long pid) {
    return new RssSampler(pid);
  }

  /** The highest VmHWM seen, in bytes, or -1 if /proc was not readable. */
  long peakBytes() {
    return peak.get();
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }

  /** A "Key: 123 kB" line of a /proc status file, in kB, or -1. */
  static long readKilobytes(Path status, String key) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
