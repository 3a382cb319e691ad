package io.heapwarden.bootstrap.sessions.servlet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The least recently used idle sessions of one map, oldest first, as of the last refill. A refill
 * reads every session's last access once and sorts, so it costs O(n log n); it keeps a batch of
 * {@code max(32, max-sessions / 8)} candidates, which makes the cost per eviction O(log n) on
 * average. A candidate touched since the refill (its access time changed), removed meanwhile, or
 * busy is skipped when its turn comes: the order is the containers' own access times, never a guess
 * of the agent's.
 *
 * <p>Not thread-safe: used by the one thread that holds its map's eviction turn.
 */
final class LruCandidates {
  private final ArrayDeque<Candidate> oldestFirst = new ArrayDeque<>();

  Candidate poll() {
    return oldestFirst.pollFirst();
  }

  void clear() {
    oldestFirst.clear();
  }

  /**
   * Refills with the {@code batch} least recently used sessions of {@code sessions} that are not in
   * use, leaving out {@code protect} (the session being inserted). Returns how many it found.
   */
  int refill(
      Map<Object, Object> sessions, @Nullable Object protect, int batch, AdapterLookup adapters)
      throws Throwable {
    oldestFirst.clear();
    List<Candidate> all = new ArrayList<>(sessions.size());
    for (Map.Entry<Object, Object> entry : sessions.entrySet()) {
      Object session = entry.getValue();
      if (session == protect) {
        continue;
      }
      ContainerAdapter adapter = adapters.of(session.getClass());
      if (!adapter.inUse(session)) {
        all.add(new Candidate(entry.getKey(), session, adapter.lastAccess(session), adapter));
      }
    }
    Collections.sort(all);
    int kept = Math.min(batch, all.size());
    oldestFirst.addAll(all.subList(0, kept));
    return kept;
  }

  /** A session as it was at the refill. */
  static final class Candidate implements Comparable<Candidate> {
    final Object key;
    final Object session;
    final long lastAccess;
    final ContainerAdapter adapter;

    Candidate(Object key, Object session, long lastAccess, ContainerAdapter adapter) {
      this.key = key;
      this.session = session;
      this.lastAccess = lastAccess;
      this.adapter = adapter;
    }

    @Override
    public int compareTo(Candidate other) {
      return Long.compare(lastAccess, other.lastAccess);
    }
  }
}
