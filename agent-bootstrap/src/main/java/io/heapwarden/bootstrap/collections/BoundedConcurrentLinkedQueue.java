package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConcurrentLinkedQueue} that keeps the newest entries: an insertion past the rule's live
 * bound drops the head. Lock-free like the original; the bound is checked against an {@link
 * EntryCount} because the original's {@code size()} walks the whole queue. With several producers
 * the size may exceed the bound by at most the number of producers inserting at that moment.
 * Rejects null. Serializes as a plain {@code ConcurrentLinkedQueue}.
 */
public final class BoundedConcurrentLinkedQueue<E> extends ConcurrentLinkedQueue<E>
    implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private final transient EntryCount entries = new EntryCount();

  public BoundedConcurrentLinkedQueue(Rule rule) {
    this.rule = rule;
  }

  // add calls offer. remove() (AbstractQueue) calls poll.

  @Override
  public boolean offer(E e) {
    boolean added = super.offer(e);
    entries.added();
    Trimming.fit(rule, this, HEAD, e);
    return added;
  }

  /** The original appends the whole collection in one step, bypassing offer. */
  @Override
  public boolean addAll(Collection<? extends E> c) {
    if (c == this) {
      throw new IllegalArgumentException();
    }
    for (E e : c) {
      Objects.requireNonNull(e);
    }
    boolean changed = false;
    for (E e : c) {
      changed |= offer(e);
    }
    return changed;
  }

  @Override
  public E poll() {
    E head = super.poll();
    if (head != null) {
      entries.removed();
    }
    return head;
  }

  @Override
  public boolean remove(Object o) {
    boolean removed = super.remove(o);
    if (removed) {
      entries.removed();
    }
    return removed;
  }

  @Override
  public boolean removeIf(Predicate<? super E> filter) {
    Objects.requireNonNull(filter);
    return entries.<E>removeIf(super::removeIf, filter);
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    Objects.requireNonNull(c);
    return removeIf(c::contains);
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    Objects.requireNonNull(c);
    return removeIf(e -> !c.contains(e));
  }

  @Override
  public void clear() {
    removeIf(e -> true);
  }

  @Override
  public Iterator<E> iterator() {
    return entries.counting(super.iterator());
  }

  @Override
  public Rule rule() {
    return rule;
  }

  @Override
  public int trimTo(long maxEntries) {
    return Trimming.trimTo(rule, this, maxEntries, HEAD);
  }

  @Override
  public @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
  }

  @Override
  public int windowSize() {
    return entries.get();
  }

  @Override
  public int dropOldest(int count, boolean fromHead) {
    int dropped = 0;
    while (dropped < count && poll() != null) {
      dropped++;
    }
    return dropped;
  }

  private Object writeReplace() {
    return new ConcurrentLinkedQueue<>(this);
  }
}
