package io.heapwarden.agent.config;

/** Which entry a full map or set gives up: the least recently used, or the oldest inserted. */
public enum Eviction {
  LRU,
  FIFO
}
