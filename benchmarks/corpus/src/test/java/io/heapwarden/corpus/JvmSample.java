package io.heapwarden.corpus;

import io.heapwarden.bootstrap.collections.CollectionHooks;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads a sample of rewritten classes in a child JVM with {@code -Xverify:all} ({@link
 * LinkClasses}): the HotSpot verifier, stack-map frames included, has the last word. A class the
 * JVM rejects is a failure unless the JVM rejects the corpus's own class file too.
 */
final class JvmSample {
  private final Path jars;
  private final Path workDirectory;
  private final String java;
  private final Tally tally;

  /** The last child's output, for a failure's message. */
  private final List<String> output = new ArrayList<>();

  JvmSample(Path jars, Path workDirectory, String java, Tally tally) {
    this.jars = jars;
    this.workDirectory = workDirectory;
    this.java = java;
    this.tally = tally;
  }

  /** Links up to {@code limit} of {@code classes}, spread evenly over them. */
  void run(String label, Map<String, byte[]> classes, Corpus corpus, int limit)
      throws IOException, InterruptedException {
    Path dir = workDirectory.resolve(label);
    deleteRecursively(dir);
    deleteRecursively(workDirectory.resolve(label + "-originals"));
    List<String> names = new ArrayList<>(classes.keySet());
    int maxVersion = Runtime.version().feature() + 44;
    Map<String, byte[]> chosen = new HashMap<>();
    double step = Math.max(1.0, names.size() / (double) Math.max(1, limit));
    for (double i = 0; i < names.size() && chosen.size() < limit; i += step) {
      String name = names.get((int) i);
      byte[] bytes = classes.get(name);
      if ((((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF)) > maxVersion) {
        tally.note("JVM sample: class file newer than the child JVM");
        continue;
      }
      chosen.put(name, bytes);
    }
    write(dir, chosen);
    Map<String, String> results = link(dir, false);
    Map<String, byte[]> rejected = new HashMap<>();
    results.forEach(
        (name, line) -> {
          if (line.startsWith("OK")) {
            tally.count("classes linked by a -Xverify:all JVM");
          } else if (line.startsWith("UNLINKABLE")) {
            tally.note("JVM sample: a class it needs is not in the corpus");
          } else {
            rejected.put(name, corpus.bytes(name.replace('.', '/')));
          }
        });
    if (results.size() != chosen.size()) {
      tally.fail(
          "JVM sample incomplete",
          results.size() + " of " + chosen.size() + " answered: " + output.get(0));
    }
    if (rejected.isEmpty()) {
      return;
    }
    Path originals = workDirectory.resolve(label + "-originals");
    write(originals, rejected);
    Map<String, String> before = link(originals, true);
    rejected.forEach(
        (name, bytes) -> {
          String original = before.getOrDefault(name, "missing");
          if (original.startsWith("OK")) {
            tally.fail("the JVM rejects the rewritten class", results.get(name));
          } else {
            tally.note("JVM sample: the JVM rejects the original class too");
          }
        });
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static void write(Path dir, Map<String, byte[]> classes) throws IOException {
    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
      Path file = dir.resolve(entry.getKey().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
    }
  }

  /** Each class's line from {@link LinkClasses}, by binary name. */
  private Map<String, String> link(Path dir, boolean original)
      throws IOException, InterruptedException {
    String classPath =
        codeSource(LinkClasses.class) + File.pathSeparator + codeSource(CollectionHooks.class);
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xverify:all",
                "-Xshare:off",
                "-cp",
                classPath,
                LinkClasses.class.getName(),
                jars.toString(),
                dir.toString()));
    if (original) {
      command.add("--original");
    }
    Path out = Files.createTempFile(workDirectory, "link", ".txt");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      Files.delete(out);
      process.destroyForcibly();
      throw new IOException("the child JVM did not finish in 10 minutes");
    }
    Map<String, String> results = new HashMap<>();
    output.clear();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      output.add(line);
      String[] parts = line.split(" ", 3);
      if (parts.length >= 2
          && (parts[0].equals("OK")
              || parts[0].equals("REJECTED")
              || parts[0].equals("UNLINKABLE"))) {
        results.put(parts[1], line);
      }
    }
    Files.delete(out);
    if (output.isEmpty()) {
      output.add("(no output)");
    }
    return results;
  }

  private static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
