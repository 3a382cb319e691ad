package io.heapwarden.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of a directory of jars, by internal name, in jar order (jar names sorted). Only
 * the base entries of a multi-release jar are taken, and the first jar holding a name wins, as on a
 * class path.
 */
final class Corpus {
  /** One class file and the jar it came from. */
  record Entry(String jar, String name, byte[] bytes) {}

  private final List<Path> jars;
  private final Map<String, Entry> classes = new LinkedHashMap<>();

  private Corpus(List<Path> jars) {
    this.jars = jars;
  }

  static Corpus read(Path directory) {
    List<Path> jars;
    try (Stream<Path> files = Files.list(directory)) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Corpus corpus = new Corpus(jars);
    for (Path jar : jars) {
      corpus.addJar(jar);
    }
    return corpus;
  }

  private void addJar(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String path = entry.getName();
        if (!path.endsWith(".class")
            || path.startsWith("META-INF/")
            || path.endsWith("module-info.class")) {
          continue;
        }
        String name = path.substring(0, path.length() - ".class".length());
        if (classes.containsKey(name)) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          classes.put(name, new Entry(jar.getFileName().toString(), name, in.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  List<Path> jars() {
    return jars;
  }

  /** The classes, in corpus order. */
  List<Entry> classes() {
    return new ArrayList<>(classes.values());
  }

  /** The class file of {@code internalName}, or null when it is not in the corpus. */
  byte[] bytes(String internalName) {
    Entry entry = classes.get(internalName);
    return entry == null ? null : entry.bytes();
  }
}
