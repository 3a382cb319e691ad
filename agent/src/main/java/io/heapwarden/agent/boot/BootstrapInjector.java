package io.heapwarden.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
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
import org.jspecify.annotations.Nullable;

/**
 * Defines agent-bootstrap classes in the bootstrap loader, so that every class loader sees them
 * ({@link BootClasses} decides which, and when).
 *
 * <p>Why not {@link Instrumentation#appendToBootstrapClassLoaderSearch}: HotSpot then prints
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been appended"
 * and stops using class-data sharing for the platform and application loaders, which costs every
 * service start-up time. Instead the classes are defined one by one through {@code
 * jdk.internal.misc.Unsafe#defineClass} with a null loader, after exporting {@code
 * jdk.internal.misc} to the agent's module. The append path is only a fallback for a JDK where that
 * fails: it appends all of them at once (the boot loader then loads each when first used).
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
   * them at their class names (see agent/pom.xml). Only this package reads them.
   */
  static final String RESOURCE_PREFIX = "io/heapwarden/agent/boot/inject/";

  static final String PACKAGE_PATH = RESOURCE_PREFIX + ClassFileRefs.BOOTSTRAP_PACKAGE;
  private static final String PROBE_CLASS = "io.heapwarden.bootstrap.RuleTable";

  private final Instrumentation instrumentation;
  private final JarFile jar;
  private @Nullable MethodHandle define;

  BootstrapInjector(Instrumentation instrumentation, JarFile jar) {
    this.instrumentation = instrumentation;
    this.jar = jar;
  }

  /** Whether another copy of the agent already defined the bootstrap classes. */
  static boolean isInBootLoader() {
    try {
      Class.forName(PROBE_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The bytes of a bootstrap class, by internal name; null if the jar has no such class. */
  byte @Nullable [] read(String internalName) throws IOException {
    JarEntry entry = jar.getJarEntry(RESOURCE_PREFIX + internalName + ".class");
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** Opens {@code jdk.internal.misc} to this module and finds {@code Unsafe.defineClass}. */
  void prepareUnsafe() throws ReflectiveOperationException {
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
    Method defineClass =
        unsafeClass.getMethod(
            "defineClass",
            String.class,
            byte[].class,
            int.class,
            int.class,
            ClassLoader.class,
            ProtectionDomain.class);
    // A method handle, not Method.invoke: on JDK 17 the 16th reflective call generates an accessor
    // class (and its generator's dozen classes). The lookup is this class's: the package is
    // exported
    // to this module only.
    define = MethodHandles.lookup().unreflect(defineClass).bindTo(unsafe);
  }

  /**
   * Defines one class in the boot loader; its supertypes must be defined already. Returns false
   * when another copy of the agent defined it first.
   */
  boolean define(String internalName, byte[] bytes) {
    MethodHandle method = define;
    if (method == null) {
      throw new IllegalStateException("prepareUnsafe first");
    }
    String binaryName = internalName.replace('/', '.');
    try {
      Class<?> unused =
          (Class<?>)
              method.invokeExact(
                  binaryName, bytes, 0, bytes.length, (ClassLoader) null, (ProtectionDomain) null);
      return true;
    } catch (LinkageError e) {
      if (isDefined(binaryName)) {
        return false; // defined concurrently by another agent copy
      }
      throw e;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException(impossible); // defineClass declares no checked exception
    }
  }

  private static boolean isDefined(String binaryName) {
    try {
      Class.forName(binaryName, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The fallback: every bootstrap class, in a jar appended to the boot loader's search path. */
  void appendAll() throws IOException {
    Map<String, byte[]> classes = readAll();
    if (classes.isEmpty()) {
      throw new IOException(jar.getName() + " holds no " + PACKAGE_PATH + " classes");
    }
    Path appended = Files.createTempFile("heapwarden-bootstrap-", ".jar");
    appended.toFile().deleteOnExit();
    try (OutputStream file = Files.newOutputStream(appended);
        JarOutputStream out = new JarOutputStream(file)) {
      for (var entry : classes.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(appended.toFile()));
  }

  private Map<String, byte[]> readAll() throws IOException {
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
}
