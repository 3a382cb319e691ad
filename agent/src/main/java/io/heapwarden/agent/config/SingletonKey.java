package io.heapwarden.agent.config;

/** What makes two constructions share an instance: equal arguments, or just the class. */
public enum SingletonKey {
  ARGUMENTS,
  CLASS
}
