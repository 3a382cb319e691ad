package io.heapwarden.agent.pressure;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The memory limit and working set of this process's cgroup, v1 or v2, found through {@code
 * /proc/self/cgroup} and {@code /proc/self/mountinfo} under a root directory (the file system's
 * root in production, a fixture directory in tests). Files are located once; each read opens them
 * again, so a limit changed at run time is seen.
 *
 * <p>The limit is the smallest one set on the cgroup or any ancestor up to the mount (a nested
 * cgroup inherits its parent's limit without showing it). The working set is usage minus inactive
 * file pages, as the kubelet computes it: page cache the kernel can drop is not counted.
 */
final class CgroupMemory {
  private final String version;
  private final Path dir;
  private final File[] limitFiles;
  private final File usageFile;
  private final File statFile;
  private final String[] inactiveKeys;

  private CgroupMemory(String version, Path dir, Path mountPoint) {
    this.version = version;
    this.dir = dir;
    boolean v2 = version.equals("v2");
    List<File> limits = new ArrayList<>();
    for (Path at = dir; at != null && at.startsWith(mountPoint); at = at.getParent()) {
      limits.add(at.resolve(v2 ? "memory.max" : "memory.limit_in_bytes").toFile());
    }
    this.limitFiles = limits.toArray(new File[0]);
    this.usageFile = dir.resolve(v2 ? "memory.current" : "memory.usage_in_bytes").toFile();
    this.statFile = dir.resolve("memory.stat").toFile();
    this.inactiveKeys =
        v2
            ? new String[] {"inactive_file "}
            : new String[] {"total_inactive_file ", "inactive_file "};
  }

  /**
   * The memory cgroup of this process as seen under {@code root}, or null when there is none (not
   * Linux, no memory controller mounted, unreadable files). Never throws.
   */
  static @Nullable CgroupMemory locate(Path root) {
    try {
      ProcFile file = new ProcFile();
      if (!file.read(root.resolve("proc/self/cgroup").toFile())) {
        return null;
      }
      String v1Path = null;
      String v2Path = null;
      for (String line : file.text().split("\n")) {
        int first = line.indexOf(':');
        int second = first < 0 ? -1 : line.indexOf(':', first + 1);
        if (second < 0) {
          continue;
        }
        String controllers = line.substring(first + 1, second);
        String path = line.substring(second + 1).trim();
        if (line.startsWith("0::")) {
          v2Path = path;
        } else if (hasOption(controllers, "memory")) {
          v1Path = path;
        }
      }
      if (!file.read(root.resolve("proc/self/mountinfo").toFile())) {
        return null;
      }
      CgroupMemory v2 = null;
      for (String line : file.text().split("\n")) {
        int dash = line.indexOf(" - ");
        if (dash < 0) {
          continue;
        }
        String[] mount = line.substring(0, dash).split(" ");
        String[] fs = line.substring(dash + 3).split(" ");
        if (mount.length < 5 || fs.length < 1) {
          continue;
        }
        String mountRoot = unescape(mount[3]);
        Path mountPoint = under(root, unescape(mount[4]));
        if (fs[0].equals("cgroup")
            && v1Path != null
            && fs.length >= 3
            && hasOption(fs[2], "memory")) {
          // A v1 memory controller is the one in charge, also on hybrid hosts.
          return at("v1", mountPoint, mountRoot, v1Path, "memory.usage_in_bytes");
        }
        if (fs[0].equals("cgroup2") && v2Path != null && v2 == null) {
          v2 = at("v2", mountPoint, mountRoot, v2Path, "memory.current");
        }
      }
      return v2 != null && Files.isReadable(v2.dir.resolve("memory.current")) ? v2 : null;
    } catch (RuntimeException unexpected) {
      return null; // odd files: no container watching rather than a failure
    }
  }

  /**
   * The cgroup's directory: the mount point plus the cgroup's path below the mount's root; the
   * mount point itself when the path is outside that root (a container sees its own cgroup as the
   * mount's root) or the directory has no usage file.
   */
  private static CgroupMemory at(
      String version, Path mountPoint, String mountRoot, String cgroupPath, String usageFile) {
    String relative;
    if (mountRoot.equals("/")) {
      relative = cgroupPath;
    } else if (cgroupPath.equals(mountRoot) || cgroupPath.startsWith(mountRoot + "/")) {
      relative = cgroupPath.substring(mountRoot.length());
    } else {
      relative = "";
    }
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    Path dir = relative.isEmpty() ? mountPoint : mountPoint.resolve(relative).normalize();
    if (!dir.startsWith(mountPoint) || !Files.isReadable(dir.resolve(usageFile))) {
      dir = mountPoint;
    }
    return new CgroupMemory(version, dir, mountPoint);
  }

  /**
   * The memory limit in bytes: the smallest set on the cgroup or an ancestor; {@link
   * ProcFile#UNLIMITED} when none is set, {@link ProcFile#NONE} when none could be read.
   */
  long limit(ProcFile file) {
    long limit = ProcFile.NONE;
    for (File limitFile : limitFiles) {
      long value = file.single(limitFile);
      if (value != ProcFile.NONE) {
        limit = limit == ProcFile.NONE ? value : Math.min(limit, value);
      }
    }
    return limit;
  }

  /** Usage minus inactive file pages, in bytes (never negative); NONE when unreadable. */
  long workingSet(ProcFile file) {
    long usage = file.single(usageFile);
    if (usage == ProcFile.NONE || usage == ProcFile.UNLIMITED) {
      return ProcFile.NONE;
    }
    long inactive = 0;
    if (file.read(statFile)) {
      for (String key : inactiveKeys) {
        long value = file.field(key);
        if (value != ProcFile.NONE) {
          inactive = value;
          break;
        }
      }
    }
    return Math.max(0, usage - inactive);
  }

  /** "cgroup v1 at /sys/fs/cgroup/memory/...", for the log. */
  String describe() {
    return "cgroup " + version + " at " + dir;
  }

  String version() {
    return version;
  }

  Path dir() {
    return dir;
  }

  private static boolean hasOption(String commaSeparated, String option) {
    for (String item : commaSeparated.split(",")) {
      if (item.equals(option)) {
        return true;
      }
    }
    return false;
  }

  /** A mountinfo path below {@code root}. */
  private static Path under(Path root, String absolute) {
    String relative = absolute;
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    return relative.isEmpty() ? root : root.resolve(relative);
  }

  /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
  static String unescape(String field) {
    if (field.indexOf('\\') < 0) {
      return field;
    }
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
