package io.heapwarden.agent.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Whether a file the agent writes later, the heap dump, can be created where the config says. It is
 * checked when the config is loaded (at start, on reload and by {@code check}, on the machine that
 * loads it) rather than found out when memory is already critical: the dump creates no directory
 * and overwrites nothing.
 */
final class WritableFile {
  private WritableFile() {}

  /**
   * What keeps a file at {@code pattern} ({@code %p}: this process's id; relative to the working
   * directory) from being written, reported as {@code key}'s problem at {@code where}; nothing when
   * it can be.
   */
  static void check(LoadContext context, String pattern, SourcePosition where, String key) {
    Path file;
    try {
      file =
          Path.of(pattern.replace("%p", Long.toString(ProcessHandle.current().pid())))
              .toAbsolutePath();
    } catch (InvalidPathException invalid) {
      context.problem(where, key, "is not a valid path: " + invalid.getReason(), null);
      return;
    }
    if (Files.isDirectory(file)) {
      context.problem(
          where,
          key,
          file + " is a directory",
          "name the dump file, e.g. " + file.resolve("heapwarden-%p.hprof"));
      return;
    }
    Path directory = file.getParent();
    if (directory == null) {
      return; // the root itself: reported as a directory above
    }
    if (!Files.exists(directory)) {
      context.problem(
          where,
          key,
          "directory " + directory + " does not exist",
          "create it, or name a file in a directory that exists; the dump does not create"
              + " directories");
    } else if (!Files.isDirectory(directory)) {
      context.problem(
          where, key, directory + " is not a directory", "name a file in a directory that exists");
    } else if (!Files.isWritable(directory)) {
      context.problem(
          where,
          key,
          "directory " + directory + " is not writable",
          "make it writable to the user the service runs as");
    }
  }
}
