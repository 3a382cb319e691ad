package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConcurrentLinkedDeque} that keeps the most recently inserted entries: past the rule's
 * live bound, an insertion at the tail drops the head and one at the head ({@code addFirst}, {@code
 * offerFirst}, {@code push}) drops the tail. Lock-free like the original; the bound is checked
 * against an {@link EntryCount} because the original's {@code size()} walks the whole deque. With
 * several producers the size may exceed the bound by at most the number of producers inserting at
 * that moment. Rejects null. Serializes as a plain {@code ConcurrentLinkedDeque}.
 */
public final class BoundedConcurrentLinkedDeque<E> extends ConcurrentLinkedDeque<E>
    implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private final transient EntryCount entries = new EntryCount();

  public BoundedConcurrentLinkedDeque(Rule rule) {
    this.rule = rule;
  }

  // The original's addFirst/addLast link directly, not through offerFirst/offerLast; add and
  // offer call offerLast, push calls addFirst. Every removal but the bulk ones and the iterators'
  // goes through pollFirst, pollLast, removeFirstOccurrence or removeLastOccurrence.

  @Override
  public void addLast(E e) {
    super.addLast(e);
    insertedAt(HEAD, e);
  }

  @Override
  public void addFirst(E e) {
    super.addFirst(e);
    insertedAt(TAIL, e);
  }

  @Override
  public boolean offerLast(E e) {
    boolean added = super.offerLast(e);
    insertedAt(HEAD, e);
    return added;
  }

  @Override
  public boolean offerFirst(E e) {
    boolean added = super.offerFirst(e);
    insertedAt(TAIL, e);
    return added;
  }

  /** The original appends the whole collection in one step, bypassing addLast. */
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
      addLast(e);
      changed = true;
    }
    return changed;
  }

  @Override
  public E pollFirst() {
    return counted(super.pollFirst());
  }

  @Override
  public E pollLast() {
    return counted(super.pollLast());
  }

  @Override
  public boolean removeFirstOccurrence(Object o) {
    return counted(super.removeFirstOccurrence(o));
  }

  @Override
  public boolean removeLastOccurrence(Object o) {
    return counted(super.removeLastOccurrence(o));
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
  public Iterator<E> iterator() {
    return entries.counting(super.iterator());
  }

  @Override
  public Iterator<E> descendingIterator() {
    return entries.counting(super.descendingIterator());
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
    while (dropped < count && (fromHead ? pollFirst() : pollLast()) != null) {
      dropped++;
    }
    return dropped;
  }

  private void insertedAt(boolean dropEnd, E e) {
    entries.added();
    Trimming.fit(rule, this, dropEnd, e);
  }

  private E counted(E removed) {
    if (removed != null) {
      entries.removed();
    }
    return removed;
  }

  private boolean counted(boolean removed) {
    if (removed) {
      entries.removed();
    }
    return removed;
  }

  private Object writeReplace() {
    return new ConcurrentLinkedDeque<>(this);
  }
}
