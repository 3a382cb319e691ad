package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.collections.Bounded;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The session-store replacement of a {@link HashMap} or {@link LinkedHashMap}, maps that are not
 * thread-safe: so everything here runs on the service's own thread, inside its own calls, and no
 * agent thread ever touches the map. The sessions stay in the map (in insertion order); a private
 * access-ordered book of stamps keeps the least recently used session first.
 *
 * <p>Each call of the service first evicts the sessions idle beyond the timeout (a look at the
 * oldest stamp when none is), so idle sessions go at the service's next access of the map, not
 * before. A write that adds a session evicts the least recently used ones beyond {@code
 * max-sessions}. Values are windowed in place when stored or created, and when a {@code get} finds
 * one past its window. Use means {@code get}, {@code getOrDefault} and writes, as for {@link
 * ConcurrentSessionMap}. Keys removed through the views' iterators leave stray stamps, dropped once
 * they are many. Serializes as a plain {@code LinkedHashMap} copy. (Longer than most classes here:
 * it overrides every write and read of {@code LinkedHashMap} that uses or adds a session, so that
 * none bypasses the bound.)
 */
public final class LinkedSessionMap<K, V> extends LinkedHashMap<K, V> implements Bounded {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final transient SessionPolicy policy;
  private final transient SessionStats stats;
  private final transient LongSupplier clock;
  private final transient LinkedHashMap<Object, Stamp> book = new LinkedHashMap<>(16, 0.75f, true);
  private transient boolean ending; // adapters are ending evicted sessions: no nested expiry
  private transient int remapping; // inside a compute/merge function: HashMap forbids removals
  private transient long now; // the clock at the start of the service's current call: one read

  LinkedSessionMap(Rule rule, SessionPolicy policy, LongSupplier clock) {
    this.rule = rule;
    this.policy = policy;
    this.stats = SessionStats.of(rule);
    this.clock = clock;
  }

  /** Fills a new session map with {@code original}'s sessions, all used now, then fits the cap. */
  void copyFrom(Map<? extends K, ? extends V> original) {
    now = clock.getAsLong();
    for (Map.Entry<? extends K, ? extends V> entry : original.entrySet()) {
      V value = entry.getValue();
      window(value);
      super.put(entry.getKey(), value);
      touch(entry.getKey());
    }
    fitCap(null);
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public @Nullable V get(Object key) {
    expireIdle();
    V value = super.get(key);
    if (value != null && rule.enabled()) {
      try {
        touch(key);
        window(value);
      } catch (Throwable t) {
        rule.fail(t);
      }
    }
    return value;
  }

  @Override
  public @Nullable V getOrDefault(Object key, V defaultValue) {
    V value = get(key);
    return value != null || super.containsKey(key) ? value : defaultValue;
  }

  @Override
  public boolean containsKey(Object key) {
    expireIdle();
    return super.containsKey(key);
  }

  @Override
  public boolean containsValue(Object value) {
    expireIdle();
    return super.containsValue(value);
  }

  @Override
  public int size() {
    expireIdle();
    return super.size();
  }

  @Override
  public boolean isEmpty() {
    expireIdle();
    return super.isEmpty();
  }

  @Override
  public Set<K> keySet() {
    expireIdle();
    return super.keySet();
  }

  @Override
  public Collection<V> values() {
    expireIdle();
    return super.values();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    expireIdle();
    return super.entrySet();
  }

  @Override
  public V put(K key, V value) {
    expireIdle();
    window(value);
    boolean added = !super.containsKey(key);
    V previous = super.put(key, value);
    afterWrite(key, added);
    return previous;
  }

  @Override
  public V putIfAbsent(K key, V value) {
    expireIdle();
    window(value);
    boolean added = !super.containsKey(key);
    V previous = super.putIfAbsent(key, value);
    afterWrite(key, added);
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
    expireIdle();
    window(value);
    V previous = super.replace(key, value);
    if (super.containsKey(key)) {
      afterWrite(key, false);
    }
    return previous;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    expireIdle();
    window(newValue);
    boolean replaced = super.replace(key, oldValue, newValue);
    if (replaced) {
      afterWrite(key, false);
    }
    return replaced;
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(mappingFunction); // eagerly, as HashMap does, before wrapping it
    expireIdle();
    boolean added = !super.containsKey(key);
    return afterCompute(
        key,
        added,
        remap(
            () ->
                super.computeIfAbsent(
                    key, k -> SessionValues.created(rule, mappingFunction.apply(k)))));
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction); // eagerly, as HashMap does, before wrapping it
    expireIdle();
    return afterCompute(
        key,
        false,
        remap(
            () ->
                super.computeIfPresent(
                    key,
                    (k, old) -> SessionValues.created(rule, remappingFunction.apply(k, old)))));
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction); // eagerly, as HashMap does, before wrapping it
    expireIdle();
    boolean added = !super.containsKey(key);
    return afterCompute(
        key,
        added,
        remap(
            () ->
                super.compute(
                    key,
                    (k, old) -> SessionValues.created(rule, remappingFunction.apply(k, old)))));
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(remappingFunction); // eagerly, as HashMap does, before wrapping it
    expireIdle();
    boolean added = !super.containsKey(key);
    return afterCompute(
        key,
        added,
        remap(
            () ->
                super.merge(
                    key,
                    SessionValues.created(rule, value),
                    (old, given) ->
                        SessionValues.created(rule, remappingFunction.apply(old, given)))));
  }

  @Override
  public @Nullable V remove(Object key) {
    expireIdle();
    boolean present = super.containsKey(key);
    V removed = super.remove(key);
    if (present) {
      book.remove(key);
    }
    return removed;
  }

  @Override
  public boolean remove(Object key, Object value) {
    expireIdle();
    boolean removed = super.remove(key, value);
    if (removed) {
      book.remove(key);
    }
    return removed;
  }

  @Override
  public void clear() {
    super.clear();
    book.clear();
  }

  @Override
  public int trimTo(long maxEntries) {
    try {
      now = clock.getAsLong();
      return evictDownTo(Math.max(0, maxEntries), null, true);
    } catch (Throwable t) {
      rule.fail(t);
      return 0;
    }
  }

  /** Evicts the sessions idle beyond the timeout in force; the service's own calls run this. */
  int expireIdle() {
    now = clock.getAsLong();
    if (book.isEmpty() || ending || remapping > 0 || !rule.enabled()) {
      return 0;
    }
    try {
      long idle = SessionLimits.idleNanos(rule);
      if (idle == Long.MAX_VALUE) {
        return 0;
      }
      List<Evicted> gone = null;
      for (Iterator<Map.Entry<Object, Stamp>> it = book.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Object, Stamp> oldest = it.next();
        long idleFor = now - oldest.getValue().lastAccess;
        if (idleFor < idle) {
          break; // every later session was used more recently
        }
        it.remove();
        Object key = oldest.getKey();
        if (super.containsKey(key)) {
          if (gone == null) {
            gone = new ArrayList<>();
          }
          gone.add(
              new Evicted(
                  key,
                  super.remove(key),
                  oldest.getValue(),
                  SessionLimits.idleReason(rule, idleFor)));
        }
      }
      return end(gone, now, false);
    } catch (Throwable t) {
      rule.fail(t);
      return 0;
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Runs a remapping of the underlying map with idle expiry held off (no removal inside it). */
  private <R> R remap(Supplier<R> call) {
    remapping++;
    try {
      return call.get();
    } finally {
      remapping--;
    }
  }

  private V afterCompute(K key, boolean added, V value) {
    if (value != null) {
      window(value);
      afterWrite(key, added);
    } else if (!super.containsKey(key)) {
      book.remove(key);
    }
    return value;
  }

  private void afterWrite(Object key, boolean added) {
    if (!rule.enabled()) {
      return;
    }
    try {
      touch(key);
      if (added) {
        fitCap(key);
      }
    } catch (Throwable t) {
      rule.fail(t);
    }
  }

  private void fitCap(@Nullable Object newest) {
    long max = SessionLimits.maxSessions(rule);
    if (max != Long.MAX_VALUE && super.size() > max) {
      evictDownTo(max, newest, false);
    }
    if (book.size() > super.size() + 64) {
      book.keySet().retainAll(super.keySet()); // stamps of keys removed through the views
    }
  }

  private int evictDownTo(long max, @Nullable Object keep, boolean trim) {
    List<Evicted> gone = null;
    for (Iterator<Map.Entry<Object, Stamp>> it = book.entrySet().iterator();
        super.size() > max && it.hasNext(); ) {
      Map.Entry<Object, Stamp> oldest = it.next();
      Object key = oldest.getKey();
      if (max > 0 && Objects.equals(key, keep)) { // null is a key of a HashMap
        continue;
      }
      it.remove();
      if (super.containsKey(key)) {
        EvictionReason reason =
            trim ? EvictionReason.PRESSURE : SessionLimits.capacityReason(rule, super.size());
        if (gone == null) {
          gone = new ArrayList<>();
        }
        gone.add(new Evicted(key, super.remove(key), oldest.getValue(), reason));
      }
    }
    return end(gone, now, trim);
  }

  /**
   * Ends the evicted sessions once the book is no longer being walked: an adapter may call back
   * into this map (a servlet session's expiry removes itself from its manager's map).
   */
  private int end(@Nullable List<Evicted> gone, long now, boolean trim) {
    if (gone == null) {
      return 0;
    }
    ending = true;
    try {
      for (Evicted evicted : gone) {
        SessionEnd.evicted(
            rule,
            policy,
            stats,
            evicted.key,
            evicted.value,
            evicted.stamp,
            now,
            evicted.reason,
            trim);
      }
    } finally {
      ending = false;
    }
    return gone.size();
  }

  /** A session taken out of the map, to be ended. */
  private static final class Evicted {
    final Object key;
    final Object value;
    final Stamp stamp;
    final EvictionReason reason;

    Evicted(Object key, Object value, Stamp stamp, EvictionReason reason) {
      this.key = key;
      this.value = value;
      this.stamp = stamp;
      this.reason = reason;
    }
  }

  private void touch(Object key) {
    Stamp stamp = book.get(key); // moves it to the newest end
    if (stamp == null) {
      book.put(key, new Stamp(now));
    } else {
      stamp.lastAccess = now;
    }
  }

  private void window(Object value) {
    SessionWindows.apply(rule, policy.adapter(), value);
  }

  private Object writeReplace() {
    return new LinkedHashMap<>(this);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a session map serializes as a plain LinkedHashMap");
  }
}
