package io.heapwarden.agent.pressure;

/**
 * What one {@code /cleanup} did: the trim (collections and session stores trimmed, entries dropped,
 * collections left to shrink on their own next write), at what share of their bounds, and the
 * collection after it (heap and RSS in bytes, -1 unknown).
 */
public record CleanupResult(
    int boundPercent,
    int collections,
    int sessions,
    long dropped,
    int deferred,
    String mechanism,
    long heapBefore,
    long heapAfter,
    long rssBefore,
    long rssAfter,
    long durationNanos,
    String nativeTrim) {}
