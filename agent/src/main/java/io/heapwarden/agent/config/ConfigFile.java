package io.heapwarden.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reading the config file's bytes, with a problem for each way that can fail, and the content hash
 * by which the watcher tells a changed file from a touched one.
 */
final class ConfigFile {
  /** Larger files are refused: a config is a few KB; this guards against naming the wrong file. */
  static final int MAX_FILE_BYTES = 1 << 20;

  /** The content each file had when it was last loaded, so the watcher starts from there. */
  private static final Map<Path, Long> LOADED_CONTENT = new ConcurrentHashMap<>();

  private ConfigFile() {}

  /** The file's bytes, or null after adding the problem that kept it from being read. */
  static byte @Nullable [] read(ConfigRequest request, List<ConfigProblem> problems) {
    Path file = Objects.requireNonNull(request.file()); // callers read requests naming a file
    SourcePosition where = SourcePosition.of(request.source());
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        problems.add(
            new ConfigProblem(
                where,
                "",
                "cannot read the config file: it is a directory",
                "name the YAML file itself, e.g. " + file.resolve("heapwarden.yaml")));
        return null;
      }
      if (!attributes.isRegularFile()) {
        problems.add(
            new ConfigProblem(
                where,
                "",
                "cannot read the config file: it is not a regular file",
                resolvesTo(file)));
        return null;
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        problems.add(tooLarge(where, attributes.size(), file));
        return null;
      }
      byte[] content = Files.readAllBytes(file);
      if (content.length > MAX_FILE_BYTES) {
        problems.add(tooLarge(where, content.length, file)); // it grew since the look
        return null;
      }
      return content;
    } catch (NoSuchFileException missing) {
      problems.add(
          new ConfigProblem(
              where, "", "cannot read the config file: no such file", resolvesTo(file)));
    } catch (AccessDeniedException denied) {
      problems.add(
          new ConfigProblem(
              where,
              "",
              "cannot read the config file: permission denied",
              "make it readable to the user the service runs as"));
    } catch (IOException | RuntimeException failure) {
      problems.add(
          new ConfigProblem(
              where, "", "cannot read the config file: " + describe(failure), resolvesTo(file)));
    }
    return null;
  }

  /**
   * The first {@link #MAX_FILE_BYTES} bytes of a file that {@link #read} refused, so that a {@code
   * strict: true} in them still counts; null when there are none to read (missing, a directory).
   */
  static byte @Nullable [] head(Path file) {
    if (!Files.isRegularFile(file)) {
      return null; // a pipe or device could block or never end
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(MAX_FILE_BYTES);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  private static ConfigProblem tooLarge(SourcePosition where, long size, Path file) {
    return new ConfigProblem(
        where,
        "",
        "the config file is too large: " + size + " bytes",
        "a config is a few KB; is this the right file? " + resolvesTo(file));
  }

  private static String resolvesTo(Path file) {
    return "the path resolves to " + file.toAbsolutePath();
  }

  /** A hash of the content as last loaded from {@code file}, or null if it never was. */
  static @Nullable Long loadedContent(Path file) {
    return LOADED_CONTENT.get(key(file));
  }

  static long contentHash(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content, 0, content.length);
    return ((long) content.length << 32) ^ crc.getValue();
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** Remembers that {@code content} is what {@code file} held when it was loaded. */
  static void loaded(Path file, byte[] content) {
    LOADED_CONTENT.put(key(file), contentHash(content));
  }

  static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
