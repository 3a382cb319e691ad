package io.heapwarden.agent.boot;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/**
 * Which bootstrap classes are in the boot loader: {@link #start} defines the {@link BootSet#CORE}
 * set, and each other {@link BootSet} is defined when a feature first asks for it ({@link
 * #ensure}), so a service pays only for the rule kinds it configures. A set is the closure of its
 * roots over the bootstrap names their class files mention: a boot-loader class can never find a
 * bootstrap class that is not defined (the boot loader has no search path for them), so everything
 * it could resolve is defined with it. A feature must ensure its set before its rewritten code or
 * its own agent-side code can touch one of its classes.
 */
public final class BootClasses {
  private static @Nullable BootstrapInjector injector; // guarded by BootClasses.class
  private static final Set<String> DEFINED_CLASSES = new HashSet<>(); // guarded likewise
  private static boolean all; // guarded likewise: every set is there (appended, or another copy)
  private static BootstrapInjector.@Nullable Route route; // guarded likewise: how start went

  private BootClasses() {}

  /** Defines the core set; the others follow on demand. */
  public static synchronized BootstrapInjector.Route start(
      Instrumentation instrumentation, JarFile agentJar) throws IOException {
    BootstrapInjector.Route earlier = route;
    if (earlier != null) {
      // A start of this copy that was then rejected (its config) defined some sets already; they
      // are known here, and the others are still defined on demand. Taking them for another
      // copy's would leave a set's classes undefined behind code that calls them.
      agentJar.close();
      return earlier;
    }
    route = firstStart(instrumentation, agentJar);
    return route;
  }

  private static BootstrapInjector.Route firstStart(
      Instrumentation instrumentation, JarFile agentJar) throws IOException {
    if (BootstrapInjector.isInBootLoader()) {
      all = true; // another copy of the agent defined them; this one uses its classes
      return BootstrapInjector.Route.ALREADY_PRESENT;
    }
    BootstrapInjector started = new BootstrapInjector(instrumentation, agentJar);
    try {
      started.prepareUnsafe();
      injector = started;
      define(BootSet.CORE);
      return BootstrapInjector.Route.UNSAFE_DEFINE;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      if (!DEFINED_CLASSES.isEmpty()) {
        throw new IOException("defining the bootstrap classes failed half-way", e);
      }
      injector = null;
      started.appendAll();
      all = true;
      return BootstrapInjector.Route.BOOT_SEARCH_APPEND;
    }
  }

  /**
   * Makes sure {@code set}'s classes are in the boot loader. Without {@link #start} (tests, the
   * command line) the classes come from the class path and this does nothing.
   *
   * @throws IllegalStateException if they cannot be defined: the feature must stay off
   */
  public static synchronized void ensure(BootSet set) {
    if (available(set)) {
      return;
    }
    try {
      define(set);
    } catch (IOException | RuntimeException | LinkageError e) {
      throw new IllegalStateException("cannot define the boot-loader classes of " + set, e);
    }
  }

  /**
   * Whether {@code set}'s classes can be used now: defined, or on the class path (not started by
   * {@link #start}). Agent-side code that reads a set's state whatever is configured asks this.
   */
  public static synchronized boolean available(BootSet set) {
    if (all || injector == null) {
      return true;
    }
    for (String root : set.roots()) { // a defined class came with its closure
      if (!DEFINED_CLASSES.contains(root)) {
        return false;
      }
    }
    return true;
  }

  private static void define(BootSet set) throws IOException {
    BootstrapInjector definer = injector;
    if (definer == null) {
      return;
    }
    Map<String, byte[]> pending = new LinkedHashMap<>();
    Map<String, ClassFileRefs> refs = new HashMap<>();
    closure(definer::read, set.roots(), DEFINED_CLASSES, pending, refs);
    for (String name : new ArrayList<>(pending.keySet())) {
      defineSupertypesFirst(definer, name, pending, refs);
    }
  }

  /** Defines {@code name} after its supertypes among the pending classes (a class hierarchy). */
  private static void defineSupertypesFirst(
      BootstrapInjector definer,
      String name,
      Map<String, byte[]> pending,
      Map<String, ClassFileRefs> refs) {
    byte[] bytes = pending.remove(name);
    if (bytes == null) {
      return; // defined already, or not a pending class
    }
    ClassFileRefs own = refs.get(name);
    if (own != null) {
      for (String supertype : own.supertypes) {
        defineSupertypesFirst(definer, supertype, pending, refs);
      }
    }
    definer.define(name, bytes);
    DEFINED_CLASSES.add(name);
  }

  /**
   * Puts the roots and every bootstrap class they mention, transitively, that is not defined yet
   * into {@code found}, with what each mentions into {@code refs}.
   */
  static void closure(
      ClassBytes classes,
      String[] roots,
      Set<String> defined,
      Map<String, byte[]> found,
      Map<String, ClassFileRefs> refs)
      throws IOException {
    for (String root : roots) {
      if (!defined.contains(root) && classes.read(root) == null) {
        throw new IOException("the agent jar has no bootstrap class " + root);
      }
    }
    Set<String> missing = new HashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(roots));
    while (!queue.isEmpty()) {
      String name = queue.removeFirst();
      byte[] bytes = null;
      // A mention may name a member or a package after the class ("...Hooks/onFieldWrite"):
      // shorten it until it names a class of the jar.
      while (name.length() > ClassFileRefs.BOOTSTRAP_PACKAGE.length()) {
        if (defined.contains(name) || found.containsKey(name) || missing.contains(name)) {
          break;
        }
        bytes = classes.read(name);
        if (bytes != null) {
          break;
        }
        missing.add(name);
        int cut = name.lastIndexOf('/');
        if (cut < 0) {
          break;
        }
        name = name.substring(0, cut);
      }
      if (bytes == null) {
        continue;
      }
      ClassFileRefs mentions = ClassFileRefs.of(bytes);
      found.put(name, bytes);
      refs.put(name, mentions);
      queue.addAll(mentions.mentioned);
    }
  }

  /** Where the bootstrap class files are read from: the agent jar (tests: the class path). */
  interface ClassBytes {
    /** The class file of {@code internalName}; null if there is no such class. */
    byte @Nullable [] read(String internalName) throws IOException;
  }
}
