package io.heapwarden.agent.instrument.singletons;

/** Hears of a ruled site the rewriter leaves unchanged, and why; the installer logs it. */
public interface SkippedSites {
  void skipped(String ruleName, String className, String reason);
}
