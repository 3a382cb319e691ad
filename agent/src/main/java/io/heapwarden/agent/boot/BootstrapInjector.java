package io.heapwarden.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the agent-bootstrap classes visible to every class loader by defining them in the bootstrap
 * loader.
 *
 * <p>Why not {@link Instrumentation#appendToBootstrapClassLoaderSearch}: HotSpot then prints
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
 * and stops using class-data sharing for the platform and application loaders, which costs every
 * service start-up time. Instead the classes are defined one by one through {@code
 * jdk.internal.misc.Unsafe#defineClass} with a null loader, after exporting {@code
 * jdk.internal.misc} to the agent's module. The append path is only a fallback for a JDK where that
 * fails.
 */
public final class BootstrapInjector {
  /** How the classes reached the boot loader. */
  public enum Route {
    ALREADY_PRESENT,
    UNSAFE_DEFINE,
    BOOT_SEARCH_APPEND
  }

  /**
   * Where the jar keeps the bootstrap classes: under a prefix, so that no class loader can find
   * them at their class names (see agent/pom.xml). Only this class reads them.
   */
  static final String RESOURCE_PREFIX = "io/heapwarden/agent/boot/inject/";

  static final String PACKAGE_PATH = RESOURCE_PREFIX + "io/heapwarden/bootstrap/";
  private static final String PROBE_CLASS = "io.heapwarden.bootstrap.RuleTable";

  private BootstrapInjector() {}

  public static Route inject(Instrumentation instrumentation, JarFile agentJar) throws IOException {
    if (isInBootLoader()) {
      return Route.ALREADY_PRESENT;
    }
    Map<String, byte[]> classes = readBootstrapClasses(agentJar);
    if (classes.isEmpty()) {
      throw new IOException(agentJar.getName() + " holds no " + PACKAGE_PATH + " classes");
    }
    try {
      defineWithUnsafe(instrumentation, classes);
      return Route.UNSAFE_DEFINE;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      appendToBootSearch(instrumentation, classes);
      return Route.BOOT_SEARCH_APPEND;
    }
  }

  private static boolean isInBootLoader() {
    try {
      Class.forName(PROBE_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static Map<String, byte[]> readBootstrapClasses(JarFile jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    Enumeration<JarEntry> entries = jar.entries();
    while (entries.hasMoreElements()) {
      JarEntry entry = entries.nextElement();
      String name = entry.getName();
      if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
        try (InputStream in = jar.getInputStream(entry)) {
          classes.put(name.substring(RESOURCE_PREFIX.length()), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static void defineWithUnsafe(Instrumentation instrumentation, Map<String, byte[]> classes)
      throws ReflectiveOperationException {
    Module javaBase = Object.class.getModule();
    instrumentation.redefineModule(
        javaBase,
        Set.of(),
        Map.of("jdk.internal.misc", Set.of(BootstrapInjector.class.getModule())),
        Map.of(),
        Set.of(),
        Map.of());
    Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
    Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
    Method define =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    // A class whose supertype is not yet defined fails with NoClassDefFoundError; define the rest
    // and come back to it, until a pass makes no progress.
    Map<String, byte[]> pending = new LinkedHashMap<>(classes);
    while (!pending.isEmpty()) {
      int before = pending.size();
      LinkageError lastFailure = null;
      for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        String binaryName =
            entry.getKey().replace('/', '.').substring(0, entry.getKey().length() - 6);
        byte[] bytes = entry.getValue();
        try {
          define.invoke(unsafe, binaryName, bytes, 0, bytes.length, null, null);
          it.remove();
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof NoClassDefFoundError missing) {
            lastFailure = missing;
          } else if (e.getCause() instanceof LinkageError && isInBootLoader()) {
            it.remove(); // defined concurrently by another agent copy
          } else {
            throw e;
          }
        }
      }
      if (pending.size() == before) {
        throw lastFailure != null
            ? lastFailure
            : new LinkageError("no progress defining " + pending.keySet());
      }
    }
  }

  private static void appendToBootSearch(
      Instrumentation instrumentation, Map<String, byte[]> classes) throws IOException {
    Path jar = Files.createTempFile("heapwarden-bootstrap-", ".jar");
    jar.toFile().deleteOnExit();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (var entry : classes.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
  }
}
