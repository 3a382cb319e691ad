package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LinkedBlockingDeque} that keeps the most recently inserted entries: an insertion at the
 * rule's bound first drops the entry at the opposite end (the head for tail insertions, the tail
 * for {@code addFirst}, {@code offerFirst}, {@code putFirst} and {@code push}), so a producer never
 * blocks and is never rejected. It keeps the original's capacity; when the rule's bound is above
 * it, the capacity wins and blocks or rejects as before. As concurrent as the original; with
 * several producers the size may exceed the bound by at most the number of producers inserting at
 * that moment. Serializes as a plain {@code LinkedBlockingDeque}.
 */
public final class BoundedLinkedBlockingDeque<E> extends LinkedBlockingDeque<E>
    implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final int capacity;

  public BoundedLinkedBlockingDeque(Rule rule, int capacity) {
    super(capacity);
    this.rule = rule;
    this.capacity = capacity;
  }

  // add, addLast, offer, put and offer(timeout) call the *Last methods; addFirst and push call
  // offerFirst.

  @Override
  public boolean offerLast(E e) {
    makeRoom(e, HEAD);
    boolean added = super.offerLast(e);
    Trimming.fit(rule, this, HEAD);
    return added;
  }

  @Override
  public boolean offerFirst(E e) {
    makeRoom(e, TAIL);
    boolean added = super.offerFirst(e);
    Trimming.fit(rule, this, TAIL);
    return added;
  }

  @Override
  public boolean offerLast(E e, long timeout, TimeUnit unit) throws InterruptedException {
    makeRoom(e, HEAD);
    boolean added = super.offerLast(e, timeout, unit);
    Trimming.fit(rule, this, HEAD);
    return added;
  }

  @Override
  public boolean offerFirst(E e, long timeout, TimeUnit unit) throws InterruptedException {
    makeRoom(e, TAIL);
    boolean added = super.offerFirst(e, timeout, unit);
    Trimming.fit(rule, this, TAIL);
    return added;
  }

  @Override
  public void putLast(E e) throws InterruptedException {
    makeRoom(e, HEAD);
    super.putLast(e);
    Trimming.fit(rule, this, HEAD);
  }

  @Override
  public void putFirst(E e) throws InterruptedException {
    makeRoom(e, TAIL);
    super.putFirst(e);
    Trimming.fit(rule, this, TAIL);
  }

  /**
   * The original links the whole collection in one step, bypassing offerLast; this adds element by
   * element instead (not atomic), after rejecting nulls up front as the original does.
   */
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
  public Rule rule() {
    return rule;
  }

  @Override
  public int trimTo(long maxEntries) {
    return Trimming.trimTo(rule, this, maxEntries, HEAD);
  }

  @Override
  public int windowSize() {
    return size();
  }

  @Override
  public int dropOldest(int count, boolean fromHead) {
    int dropped = 0;
    while (dropped < count && (fromHead ? pollFirst() : pollLast()) != null) {
      dropped++;
    }
    return dropped;
  }

  private void makeRoom(E e, boolean dropEnd) {
    Objects.requireNonNull(e);
    Trimming.makeRoom(rule, this, dropEnd);
  }

  private Object writeReplace() {
    LinkedBlockingDeque<E> copy = new LinkedBlockingDeque<>(capacity);
    copy.addAll(this);
    return copy;
  }
}
