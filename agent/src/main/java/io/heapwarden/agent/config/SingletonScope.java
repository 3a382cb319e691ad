package io.heapwarden.agent.config;

/** Where a shared instance is shared: across the JVM, or within one thread. */
public enum SingletonScope {
  GLOBAL,
  THREAD
}
