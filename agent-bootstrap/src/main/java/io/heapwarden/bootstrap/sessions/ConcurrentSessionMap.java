package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.collections.Bounded;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The session-store replacement of a {@link ConcurrentHashMap}: the sessions stay in the map
 * itself; a stamp per key (created, last used) and a lock-free skip list ordered by last use keep
 * the least recently used session at hand. No global lock: every operation is the {@code
 * ConcurrentHashMap}'s own plus a few lock-free updates.
 *
 * <p>Use means: {@code get} and {@code getOrDefault} finding the key, and every write that leaves
 * the key present ({@code put}, {@code putIfAbsent}, {@code replace}, {@code compute*}, {@code
 * merge}). {@code containsKey}, {@code size} and iteration are not use.
 *
 * <ul>
 *   <li><b>max-sessions</b>: after a write that adds a session, the writing thread evicts the least
 *       recently used sessions while the map holds more than the cap. Exact LRU for one thread.
 *       Under concurrent writers the map holds at most the cap plus one session per thread still
 *       inside a write that adds one, and at most the cap once no such write is in flight; every
 *       session it holds is in the order (within reach of the cap and the idle timeout); each
 *       evicted session is removed and ended once. A session used during its own eviction may still
 *       go.
 *   <li><b>idle-timeout</b>: the one {@link SessionSweeper} thread evicts idle sessions in the
 *       background; a {@code get} of an idle session evicts it too, so an expired session is never
 *       handed out, whenever the sweeper last ran.
 *   <li><b>window</b>: a value that a write stores or creates is windowed in place, inside the
 *       map's per-key lock for {@code compute*} and {@code merge}; a {@code get} of a session whose
 *       value grew past the window (the service appended to its own reference) windows it, under
 *       the same per-key lock. A queue the map creates is replaced by a bounded one ({@link
 *       SessionValues}).
 * </ul>
 *
 * <p>Entries removed through the iterators of the views bypass this class; their stamps are dropped
 * by the sweeper. Serializes as a plain {@code ConcurrentHashMap} copy. (Longer than most classes
 * here: it overrides every write of {@code ConcurrentHashMap}, and splitting the bookkeeping out
 * would spread one lock-free protocol over several files.)
 */
public final class ConcurrentSessionMap<K, V> extends ConcurrentHashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final transient SessionPolicy policy;
  private final transient SessionStats stats;
  private final transient LongSupplier clock;
  private final transient ConcurrentHashMap<Object, Stamp> stamps = new ConcurrentHashMap<>();
  private final transient ConcurrentSkipListMap<Long, Object> order = new ConcurrentSkipListMap<>();
  private final transient AtomicLong seq = new AtomicLong();

  ConcurrentSessionMap(Rule rule, SessionPolicy policy, LongSupplier clock) {
    this.rule = rule;
    this.policy = policy;
    this.stats = SessionStats.of(rule);
    this.clock = clock;
  }

  /** Fills a new session map with {@code original}'s sessions, all used now, then fits the cap. */
  void copyFrom(Map<? extends K, ? extends V> original) {
    for (Map.Entry<? extends K, ? extends V> entry : original.entrySet()) {
      V value = entry.getValue();
      window(value);
      super.put(entry.getKey(), value);
      touch(entry.getKey());
    }
    fitCap(null, clock.getAsLong());
  }

  @Override
  public Rule rule() {
    return rule;
  }

  /** Also serves {@code getOrDefault}, which {@code ConcurrentHashMap} implements with it. */
  @Override
  public @Nullable V get(Object key) {
    V value = super.get(key);
    if (value == null || !rule.enabled()) {
      return value;
    }
    try {
      Stamp stamp = stamps.get(key);
      long now = clock.getAsLong();
      long idle = SessionLimits.idleNanos(rule);
      if (stamp != null && idle != Long.MAX_VALUE && now - stamp.lastAccess >= idle) {
        if (removeSession(key, value)) {
          forget(key, stamp);
          SessionEnd.evicted(
              rule,
              policy,
              stats,
              key,
              value,
              stamp,
              now,
              SessionLimits.idleReason(rule, now - stamp.lastAccess),
              false);
          return null; // an expired session starts afresh
        }
        return super.get(key);
      }
      touch(key, now);
      int window = SessionLimits.window(rule);
      if (window >= 0 && SessionWindows.exceeds(value, window)) {
        @SuppressWarnings("unchecked")
        K k = (K) key;
        try {
          return super.computeIfPresent(k, new Windowing<K, V>(this));
        } catch (IllegalStateException recursive) {
          // a get from inside a remapping function of this map: windowed at a later access
        }
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
    return value;
  }

  /** Not use; {@code ConcurrentHashMap} implements it with {@code get}, which is. */
  @Override
  public boolean containsKey(Object key) {
    return super.get(key) != null;
  }

  @Override
  public V put(K key, V value) {
    window(value);
    V previous = super.put(key, value);
    afterWrite(key, previous == null);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    window(value);
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, previous == null);
    return previous;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public V replace(K key, V value) {
    window(value);
    V previous = super.replace(key, value);
    if (previous != null) {
      afterWrite(key, false);
    }
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    window(newValue);
    boolean replaced = super.replace(key, oldValue, newValue);
    if (replaced) {
      afterWrite(key, false);
    }
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction);
    boolean[] created = new boolean[1];
    V value =
        super.computeIfAbsent(
            key,
            k -> {
              V made = SessionValues.created(rule, mappingFunction.apply(k));
              created[0] = made != null;
              window(made);
              return made;
            });
    if (value != null) {
      afterWrite(key, created[0]);
    }
    return value;
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    V value =
        super.computeIfPresent(
            key,
            (k, old) -> {
              V made = SessionValues.created(rule, remappingFunction.apply(k, old));
              window(made);
              return made;
            });
    afterRemap(key, value);
    return value;
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    boolean[] absent = new boolean[1];
    V value =
        super.compute(
            key,
            (k, old) -> {
              absent[0] = old == null;
              V made = SessionValues.created(rule, remappingFunction.apply(k, old));
              window(made);
              return made;
            });
    if (value != null) {
      afterWrite(key, absent[0]);
    } else {
      afterRemap(key, null);
    }
    return value;
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction);
    boolean[] present = new boolean[1];
    V given = SessionValues.created(rule, value);
    window(given);
    V merged =
        super.merge(
            key,
            given,
            (old, fresh) -> {
              present[0] = true;
              V made = SessionValues.created(rule, remappingFunction.apply(old, fresh));
              window(made);
              return made;
            });
    if (merged != null) {
      afterWrite(key, !present[0]);
    } else {
      afterRemap(key, null);
    }
    return merged;
  }

  @Override
  public @Nullable V remove(Object key) {
    V removed = super.remove(key);
    if (removed != null) {
      forget(key, null);
    }
    return removed;
  }

  @Override
  public boolean remove(Object key, Object value) {
    boolean removed = super.remove(key, value);
    if (removed) {
      forget(key, null);
    }
    return removed;
  }

  @Override
  public void clear() {
    super.clear();
    stamps.clear();
    order.clear();
  }

  @Override
  public int trimTo(long maxEntries) {
    try {
      return evictDownTo(Math.max(0, maxEntries), null, true, clock.getAsLong());
    } catch (Throwable t) {
      rule.fail(t);
      return 0;
    }
  }

  /**
   * Evicts the sessions idle beyond the timeout in force, least recently used first, and drops the
   * stamps of keys removed around this class. The sweeper calls this; any thread may.
   */
  public int expireIdle() {
    if (!rule.enabled()) {
      return 0;
    }
    int expired = 0;
    try {
      long idle = SessionLimits.idleNanos(rule);
      if (idle != Long.MAX_VALUE) {
        long now = clock.getAsLong();
        for (Map.Entry<Long, Object> oldest; (oldest = order.firstEntry()) != null; ) {
          Object key = oldest.getValue();
          Stamp stamp = stamps.get(key);
          if (stamp == null || stamp.seq != oldest.getKey()) {
            order.remove(oldest.getKey(), key); // a stale place in the order
            continue;
          }
          long idleFor = now - stamp.lastAccess;
          if (idleFor < idle) {
            break; // every later session was used more recently
          }
          if (evict(key, stamp, now, SessionLimits.idleReason(rule, idleFor), false)) {
            expired++;
          } else {
            order.remove(oldest.getKey(), key);
          }
        }
      }
      dropStrayStamps();
    } catch (Throwable t) {
      rule.fail(t);
    }
    return expired;
  }

  // ---- internals -----------------------------------------------------------------------------

  private void afterWrite(Object key, boolean added) {
    if (!rule.enabled()) {
      return;
    }
    try {
      long now = clock.getAsLong(); // one read for the stamp and any eviction
      touch(key, now);
      if (added) {
        fitCap(key, now);
      }
    } catch (Throwable t) {
      rule.fail(t); // the map keeps the session and goes on unbounded
    }
  }

  /** After a remapping that may have removed the key. */
  private void afterRemap(Object key, @Nullable V value) {
    if (value != null) {
      afterWrite(key, false);
    } else if (super.get(key) == null) {
      forget(key, null);
    }
  }

  private void fitCap(@Nullable Object newest, long now) {
    long max = SessionLimits.maxSessions(rule);
    if (max != Long.MAX_VALUE && mappingCount() > max) {
      evictDownTo(max, newest, false, now);
    }
  }

  /** Evicts least recently used sessions until at most {@code max} remain; never {@code keep}. */
  private int evictDownTo(long max, @Nullable Object keep, boolean trim, long now) {
    int evicted = 0;
    Map.Entry<Long, Object> kept = null;
    for (long count; (count = mappingCount()) > max; ) {
      Map.Entry<Long, Object> oldest = order.pollFirstEntry();
      if (oldest == null) {
        break; // nothing this pass can see: sessions added around this class
      }
      Object key = oldest.getValue();
      Stamp stamp = stamps.get(key);
      if (stamp == null || stamp.seq != oldest.getKey()) {
        continue; // a stale place in the order
      }
      if (key.equals(keep) && max > 0) {
        kept = oldest;
        continue;
      }
      EvictionReason reason =
          trim ? EvictionReason.PRESSURE : SessionLimits.capacityReason(rule, count);
      if (evict(key, stamp, now, reason, trim)) {
        evicted++;
      }
    }
    if (kept != null) {
      order.putIfAbsent(kept.getKey(), kept.getValue());
    }
    return evicted;
  }

  /** Removes {@code key}'s session if it is still there, then ends it outside any lock. */
  private boolean evict(Object key, Stamp stamp, long now, EvictionReason reason, boolean trim) {
    V value = super.get(key);
    if (value == null || !removeSession(key, value)) {
      return false;
    }
    forget(key, stamp);
    SessionEnd.evicted(rule, policy, stats, key, value, stamp, now, reason, trim);
    return true;
  }

  /**
   * Removes {@code key}'s session only if it is still {@code value} itself. Not {@code remove(key,
   * value)}, which compares with {@code equals}: two sessions of one key may hold equal histories,
   * and an evictor that picked the first would remove the second and end the first twice.
   */
  private boolean removeSession(Object key, V value) {
    @SuppressWarnings("unchecked")
    K k = (K) key;
    IdentityRemoval<K, V> removal = new IdentityRemoval<>(value);
    try {
      super.computeIfPresent(k, removal);
    } catch (IllegalStateException recursive) {
      return false; // called from inside a remapping function of this map: evicted later
    }
    return removal.removed;
  }

  private void touch(Object key) {
    touch(key, clock.getAsLong());
  }

  private void touch(Object key, long now) {
    Stamp stamp = stamps.get(key);
    if (stamp == null) {
      Stamp created = new Stamp(now);
      stamp = stamps.putIfAbsent(key, created);
      if (stamp == null) {
        stamp = created;
      }
    }
    long next = seq.incrementAndGet();
    long previous = stamp.access(now, next);
    order.put(next, key);
    if (previous != 0) {
      order.remove(previous, key);
    }
  }

  /**
   * Drops a removed key's stamp (only {@code expected}, when given) and its place in the order. A
   * key's stamp outlives its sessions: a write that brings the key back between its removal and
   * this call may have stamped itself on the stamp dropped here, so a key present again is stamped
   * afresh; otherwise that session would be out of the order, out of reach of the cap and the idle
   * timeout for as long as nobody used it.
   */
  private void forget(Object key, @Nullable Stamp expected) {
    Stamp stamp =
        expected != null ? (stamps.remove(key, expected) ? expected : null) : stamps.remove(key);
    if (stamp != null) {
      order.remove(stamp.seq, key);
      if (super.get(key) != null) {
        touch(key); // a session written again meanwhile: keep it within reach
      }
    }
  }

  /** Stamps of keys that left through the views' iterators: dropped when they are many. */
  private void dropStrayStamps() {
    if (stamps.size() <= size() + 64) {
      return;
    }
    for (Map.Entry<Object, Stamp> entry : stamps.entrySet()) {
      if (super.get(entry.getKey()) == null) {
        forget(entry.getKey(), entry.getValue()); // only this stamp: the key may be back by now
      }
    }
  }

  private void window(Object value) {
    SessionWindows.apply(rule, policy.adapter(), value);
  }

  /** The remapping of a {@code get} that found the value past its window: window it in place. */
  private static final class Windowing<K, V> implements BiFunction<K, V, V> {
    private final ConcurrentSessionMap<K, V> map;

    Windowing(ConcurrentSessionMap<K, V> map) {
      this.map = map;
    }

    @Override
    public V apply(K key, V value) {
      map.window(value);
      return value;
    }
  }

  /** The remapping that removes a session only if it is the expected value itself. */
  private static final class IdentityRemoval<K, V> implements BiFunction<K, V, V> {
    private final V expected;
    boolean removed;

    IdentityRemoval(V expected) {
      this.expected = expected;
    }

    @Override
    public @Nullable V apply(K key, V value) {
      if (value != expected) {
        return value;
      }
      removed = true;
      return null;
    }
  }

  private Object writeReplace() {
    return new ConcurrentHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a session map serializes as a plain ConcurrentHashMap");
  }
}
