package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The bounded replacement of a {@link ConcurrentHashMap#newKeySet()} set. Unlike the other bounded
 * types it is not a subclass of the original's class: {@code ConcurrentHashMap.KeySetView} is
 * final, and adds through the map's package-private {@code putVal}. So the agent stores it only in
 * a field declared as an interface it implements ({@code Set}, {@code Collection}, {@code
 * Iterable}) or {@code Object}; a field declared {@code ConcurrentHashMap.KeySetView} is left alone
 * with a warning, at rewrite time.
 *
 * <p>The elements are the keys of a {@link BoundedConcurrentHashMap} (values {@code Boolean.TRUE}),
 * which evicts them: oldest inserted first, or under {@code lru} by CLOCK, where {@code contains}
 * finding an element and {@code add} of a present one are access. As concurrent as {@code
 * KeySetView} (no lock on reads, none global on writes), and the same contract: null elements and
 * null queries are rejected with {@code NullPointerException}, iterators and spliterators are
 * weakly consistent and never throw {@code ConcurrentModificationException}, {@code equals} and
 * {@code hashCode} are those of a {@link Set}. Serializes as a plain {@code newKeySet()} copy.
 */
public final class BoundedConcurrentKeySet<E> extends AbstractSet<E>
    implements Set<E>, Bounded, Serializable {
  private static final long serialVersionUID = 1L;

  private final transient BoundedConcurrentHashMap<E, Boolean> map;

  BoundedConcurrentKeySet(Rule rule, boolean lru) {
    this.map = new BoundedConcurrentHashMap<>(rule, lru);
  }

  @Override
  public Rule rule() {
    return map.rule();
  }

  @Override
  public int trimTo(long maxEntries) {
    return map.trimTo(maxEntries);
  }

  @Override
  public boolean add(E e) {
    return map.putIfAbsent(Objects.requireNonNull(e), Boolean.TRUE) == null;
  }

  /** Like {@code KeySetView.addAll}: every element is checked before any is added. */
  @Override
  public boolean addAll(Collection<? extends E> c) {
    boolean changed = false;
    for (E e : c) {
      changed |= add(e);
    }
    return changed;
  }

  /** Finding {@code o} is an access under {@code lru}, as a {@code get} of the map is. */
  @Override
  public boolean contains(Object o) {
    return map.get(Objects.requireNonNull(o)) != null;
  }

  @Override
  public boolean remove(Object o) {
    return map.remove(Objects.requireNonNull(o)) != null;
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public Iterator<E> iterator() {
    return map.keySet().iterator();
  }

  @Override
  public Spliterator<E> spliterator() {
    return map.keySet().spliterator();
  }

  @Override
  public void forEach(Consumer<? super E> action) {
    map.keySet().forEach(action);
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    return map.keySet().removeIf(filter);
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    return map.keySet().removeAll(c);
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    return map.keySet().retainAll(c);
  }

  @Override
  public Object[] toArray() {
    return map.keySet().toArray();
  }

  @Override
  public <T> T[] toArray(T[] a) {
    return map.keySet().toArray(a);
  }

  private Object writeReplace() {
    Set<E> copy = ConcurrentHashMap.newKeySet();
    copy.addAll(map.keySet());
    return copy;
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a bounded set serializes as a plain newKeySet() set");
  }
}
