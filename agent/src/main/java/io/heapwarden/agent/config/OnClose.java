package io.heapwarden.agent.config;

/** What {@code close()} on a shared instance does: nothing until shutdown, or drop it. */
public enum OnClose {
  IGNORE,
  RELEASE
}
