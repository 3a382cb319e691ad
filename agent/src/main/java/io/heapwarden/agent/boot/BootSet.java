package io.heapwarden.agent.boot;

/**
 * The bootstrap classes a feature needs in the boot loader, named by their roots: {@link
 * BootClasses} defines a set as the transitive closure of its roots (every {@code
 * io.heapwarden.bootstrap} class their class files name), the first time something asks for it. The
 * one place where a feature declares its boot-side classes: a rule kind names its set in its {@code
 * Kind}; a feature that is not a rule kind calls {@link BootClasses#ensure} with its set before
 * anything (its rewritten code, its agent-side code) can touch one of those classes.
 *
 * <p>Roots are internal names below {@code io/heapwarden/bootstrap/}, as strings: a class literal
 * would load the class before it exists.
 */
public enum BootSet {
  /**
   * What the agent uses whatever is configured: the rule table, signals, threads, pressure state.
   */
  CORE("RuleTable", "threads/AgentThreads", "threads/PoolThreads", "pressure/MemoryPressure"),

  /** {@code collections:} rules, and anything that reads or trims live bounded collections. */
  COLLECTIONS("collections/CollectionHooks", "collections/LiveCollections"),

  /**
   * After a dynamic attach with {@code collections:} or {@code sessions:} rules: the read hook that
   * bounds what ruled fields held before the attach (defined before the already-loaded classes are
   * retransformed; the sessions' hook reaches it through {@code SessionHooks}).
   */
  ADOPTION("collections/AdoptedFields"),

  /**
   * {@code sessions:} rules; their maps are bounded collections, and each rule's window is a
   * collection rule, which telemetry reads as one: the collections' set comes with them.
   */
  SESSIONS(
      "sessions/SessionHooks",
      "sessions/SessionRules",
      "sessions/SessionStats",
      "collections/CollectionHooks",
      "collections/LiveCollections"),

  /** {@code singletons:} rules. */
  SINGLETONS("singletons/SingletonHooks", "singletons/Creation"),

  /** {@code instances:} rules. */
  INSTANCES("instances/InstanceHooks"),

  /**
   * {@code discover:}: the store hook its rewritten code calls and the tracked fields its sampler
   * reads (defined when discovery is configured, before its rewriter is built).
   */
  DISCOVER(
      "discover/DiscoveryHooks",
      "discover/TrackedFields",
      "discover/CheapSize",
      "size/SizeEstimator"); // the sampler's bytes estimate of a suspect

  /** The roots, separated by a space (an enum's fields stay immutable). */
  private final String roots;

  BootSet(String... roots) {
    this.roots = String.join(" ", roots);
  }

  /** The roots' internal names, {@code io/heapwarden/bootstrap/...}. */
  String[] roots() {
    String[] names = roots.split(" ", -1); // one plain character: no regex
    for (int i = 0; i < names.length; i++) {
      names[i] = ClassFileRefs.BOOTSTRAP_PACKAGE + names[i];
    }
    return names;
  }
}
