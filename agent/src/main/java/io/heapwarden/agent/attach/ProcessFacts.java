package io.heapwarden.agent.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the operating system tells about a process, enough to say why the attach API does not list
 * it: whether it exists, whose it is, what it runs and whether it looks like a JVM. Gathered with
 * {@link ProcessHandle} and, on Linux, {@code /proc} and the JVMs' {@code hsperfdata_USER}
 * directories; a fact that cannot be read is null (another user's {@code /proc/PID/maps}).
 *
 * @param listed whether the attach API lists it (a JVM of this user that accepts attaching)
 * @param jvm whether it is a JVM ({@code libjvm.so} mapped, a {@code hsperfdata} file, or a command
 *     named {@code java}); null when nothing could tell
 */
record ProcessFacts(
    long pid,
    boolean alive,
    @Nullable String user,
    @Nullable String command,
    List<String> arguments,
    boolean listed,
    @Nullable Boolean jvm) {

  /** Gathers the facts of {@code pid}; {@code listed} comes from the attach API. */
  static ProcessFacts of(long pid, boolean listed) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return new ProcessFacts(pid, false, null, null, List.of(), listed, null);
    }
    ProcessHandle.Info info = handle.get().info();
    String command = info.command().orElse(null);
    List<String> arguments = info.arguments().map(List::of).orElse(List.of());
    return new ProcessFacts(
        pid, true, info.user().orElse(null), command, arguments, listed, isJvm(pid, command));
  }

  private static @Nullable Boolean isJvm(long pid, @Nullable String command) {
    if (hasPerfData(pid)) {
      return true;
    }
    Path maps = Path.of("/proc", Long.toString(pid), "maps");
    try {
      for (String line : Files.readAllLines(maps, StandardCharsets.ISO_8859_1)) {
        if (line.endsWith("/libjvm.so")) {
          return true;
        }
      }
      return false; // readable (this user's process), and no JVM in it
    } catch (IOException | RuntimeException unreadable) {
      // another user's process, or not Linux: the command's name is all there is
    }
    if (command == null) {
      return null;
    }
    String name = Path.of(command).getFileName().toString();
    return (name.equals("java") || name.equals("java.exe")) ? Boolean.TRUE : null;
  }

  /** A JVM with perf data (the default) has a file named by its PID in a hsperfdata directory. */
  private static boolean hasPerfData(long pid) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
      for (Path dir : dirs) {
        if (Files.exists(dir.resolve(Long.toString(pid)))) {
          return true;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // no such directory: no perf data to go by
    }
    return false;
  }

  /** The command with its arguments, for messages; {@code unknown command} when hidden. */
  String commandLine() {
    if (command == null) {
      return "unknown command";
    }
    return arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
  }
}
