package io.heapwarden.agent.report;

import java.time.Duration;

/** One field discovery reported as growing, as its GrowthSuspect event says. */
record Suspect(
    String field,
    String type,
    long count,
    int instances,
    double perMinute,
    long bytes,
    Duration window) {}
