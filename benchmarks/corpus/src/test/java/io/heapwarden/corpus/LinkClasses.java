package io.heapwarden.corpus;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs in a child JVM started with {@code -Xverify:all}: defines each class file of a directory
 * (the rewritten classes) in a loader that takes every other class from the corpus jars, and links
 * it, which verifies it. Prints one line per class: {@code OK}, {@code REJECTED} (a VerifyError or
 * ClassFormatError: the JVM refuses the class) or {@code UNLINKABLE} (something it needs is not in
 * the corpus). Given {@code --original}, it links the corpus's own class file instead. Uses the JDK
 * only: the child's class path is this module's test classes and the agent-bootstrap jar.
 */
public final class LinkClasses {
  private LinkClasses() {}

  public static void main(String[] args) throws IOException {
    Path jars = Path.of(args[0]);
    Path rewritten = Path.of(args[1]);
    boolean original = args.length > 2 && args[2].equals("--original");
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(jars)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    List<String> names;
    try (Stream<Path> files = Files.walk(rewritten)) {
      names =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> rewritten.relativize(f).toString())
              .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
              .sorted()
              .toList();
    }
    Substituting loader = new Substituting(urls.toArray(new URL[0]), original ? null : rewritten);
    for (String name : names) {
      try {
        Class<?> type = Class.forName(name, false, loader);
        type.getDeclaredMethods(); // links the class, so the verifier runs
        type.getDeclaredFields();
        System.out.println("OK " + name);
      } catch (VerifyError | ClassFormatError rejected) {
        System.out.println("REJECTED " + name + " " + oneLine(rejected));
      } catch (LinkageError | TypeNotPresentException | SecurityException unlinkable) {
        System.out.println("UNLINKABLE " + name + " " + oneLine(unlinkable));
      } catch (ClassNotFoundException missing) {
        System.out.println("UNLINKABLE " + name + " " + oneLine(missing));
      }
    }
  }

  private static String oneLine(Throwable failure) {
    return String.valueOf(failure).replace('\n', ' ');
  }

  /** The corpus jars, except the classes of a directory of rewritten class files. */
  private static final class Substituting extends URLClassLoader {
    private final Path rewritten;

    Substituting(URL[] jars, Path rewritten) {
      super("corpus", jars, ClassLoader.getSystemClassLoader());
      this.rewritten = rewritten;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (rewritten != null) {
        Path file = rewritten.resolve(name.replace('.', '/') + ".class");
        if (Files.isRegularFile(file)) {
          try {
            byte[] bytes = Files.readAllBytes(file);
            return defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
      }
      return super.findClass(name);
    }
  }
}
