package io.heapwarden.agent.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The class files of an application, read as bytes, never loaded: from directories of classes,
 * jars, and Spring Boot (and WAR) fat jars, whose classes are under {@code BOOT-INF/classes/} and
 * whose library jars, nested under {@code BOOT-INF/lib/}, are read from the outer file in memory.
 * It keeps the bytes of the classes asked for and the names of all.
 */
final class ClassPathScan {
  private static final String[] CLASS_PREFIXES = {"BOOT-INF/classes/", "WEB-INF/classes/"};
  private static final String[] LIB_PREFIXES = {"BOOT-INF/lib/", "WEB-INF/lib/", "lib/"};

  private final Set<String> wanted;
  private final Map<String, byte[]> found = new HashMap<>();
  private final Set<String> names = new LinkedHashSet<>();
  private final List<String> unreadable = new ArrayList<>();

  private ClassPathScan(Set<String> wanted) {
    this.wanted = wanted;
  }

  /**
   * Reads {@code entries}, keeping the bytes of the classes in {@code wanted} (internal names); the
   * first entry that has a class wins, as on a class path.
   */
  static ClassPathScan of(List<Path> entries, Set<String> wanted) {
    ClassPathScan scan = new ClassPathScan(wanted);
    for (Path entry : entries) {
      try {
        if (Files.isDirectory(entry)) {
          scan.directory(entry);
        } else {
          scan.jar(entry);
        }
      } catch (IOException | RuntimeException unreadable) {
        scan.unreadable.add(entry + ": " + unreadable.getMessage());
      }
    }
    return scan;
  }

  /** The bytes of a wanted class, or null when no entry has it. */
  byte @Nullable [] classFile(String internalName) {
    return found.get(internalName);
  }

  /** The binary names of every class found ({@code com.example.Outer$Inner}). */
  Set<String> classNames() {
    return names;
  }

  /** The entries, or nested jars, that could not be read, each with why. */
  List<String> unreadable() {
    return unreadable;
  }

  /** A directory of classes, or an unpacked fat jar (its BOOT-INF/classes and BOOT-INF/lib). */
  private void directory(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      String relative =
          root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
      if (isNestedJar(relative)) {
        jar(file);
      } else if (seen(classPath(relative))) {
        found.put(internal(classPath(relative)), Files.readAllBytes(file));
      }
    }
  }

  private void jar(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (isNestedJar(name)) {
          try (InputStream in = zip.getInputStream(entry)) {
            nestedJar(file + "!/" + name, in);
          }
        } else if (seen(classPath(name))) {
          try (InputStream in = zip.getInputStream(entry)) {
            found.put(internal(classPath(name)), in.readAllBytes());
          }
        }
      }
    }
  }

  /** A jar inside a jar, streamed from the outer file: nothing is written to disk. */
  private void nestedJar(String where, InputStream in) {
    try {
      ZipInputStream zip = new ZipInputStream(in); // closed with the outer entry's stream
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (seen(entry.getName())) {
          found.put(internal(entry.getName()), zip.readAllBytes());
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      this.unreadable.add(where + ": " + unreadable.getMessage());
    }
  }

  private static boolean isNestedJar(String name) {
    if (!name.endsWith(".jar")) {
      return false;
    }
    for (String prefix : LIB_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The class file's path from its package root: fat-jar prefixes removed. */
  private static String classPath(String entryName) {
    for (String prefix : CLASS_PREFIXES) {
      if (entryName.startsWith(prefix)) {
        return entryName.substring(prefix.length());
      }
    }
    return entryName;
  }

  /**
   * Records a class file's name; true when its bytes are wanted and not found yet. Multi-release
   * versions and module descriptors are not classes of their own.
   */
  private boolean seen(String path) {
    if (!path.endsWith(".class")
        || path.startsWith("META-INF/")
        || path.endsWith("module-info.class")
        || path.endsWith("package-info.class")) {
      return false;
    }
    String internal = internal(path);
    names.add(internal.replace('/', '.'));
    return wanted.contains(internal) && !found.containsKey(internal);
  }

  private static String internal(String path) {
    return path.substring(0, path.length() - ".class".length());
  }
}
