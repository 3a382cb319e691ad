package io.heapwarden.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh directory per launched JVM, kept after the run for inspection. */
public final class Workspace {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final Path dir;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  static Workspace create(String name) {
    Path dir =
        ItEnvironment.workRoot()
            .resolve(
                name.replaceAll("[^A-Za-z0-9_.-]", "_")
                    + "-"
                    + ProcessHandle.current().pid()
                    + "-"
                    + COUNTER.incrementAndGet());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Workspace(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Writes {@code content} to {@code name} atomically (write then move), as editors do. */
  public Path write(String name, String content) {
    try {
      Path target = dir.resolve(name);
      Path temp = Files.createTempFile(dir, name, ".tmp");
      Files.writeString(temp, content);
      return Files.move(
          temp,
          target,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
