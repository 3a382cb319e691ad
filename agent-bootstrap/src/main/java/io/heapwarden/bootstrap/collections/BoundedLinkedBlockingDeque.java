package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LinkedBlockingDeque} that keeps the most recently inserted entries: an insertion at the
 * rule's bound first drops the entry at the opposite end (the head for tail insertions, the tail
 * for {@code addFirst}, {@code offerFirst}, {@code putFirst} and {@code push}), so a producer never
 * blocks and is never rejected (the seeds' bounded SSE queue behaviour). It keeps the original's
 * capacity; when the rule's bound is above it, the capacity wins and blocks or rejects as before.
 * As concurrent as the original; with several producers the size may exceed the bound by at most
 * the number of producers inserting at that moment. Serializes as a plain {@code
 * LinkedBlockingDeque}.
 */
public final class BoundedLinkedBlockingDeque<E> extends LinkedBlockingDeque<E>
    implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
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
    Objects.requireNonNull(e);
    return Trimming.insertDroppingOldest(rule, capacity, this, HEAD, e, () -> super.offerLast(e));
  }

  @Override
  public boolean offerFirst(E e) {
    Objects.requireNonNull(e);
    return Trimming.insertDroppingOldest(rule, capacity, this, TAIL, e, () -> super.offerFirst(e));
  }

  @Override
  public boolean offerLast(E e, long timeout, TimeUnit unit) throws InterruptedException {
    return offerLast(e) || super.offerLast(e, timeout, unit);
  }

  @Override
  public boolean offerFirst(E e, long timeout, TimeUnit unit) throws InterruptedException {
    return offerFirst(e) || super.offerFirst(e, timeout, unit);
  }

  @Override
  public void putLast(E e) throws InterruptedException {
    if (!offerLast(e)) {
      super.putLast(e);
    }
  }

  @Override
  public void putFirst(E e) throws InterruptedException {
    if (!offerFirst(e)) {
      super.putFirst(e);
    }
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
  public @Nullable ByteBudget bytes() {
    ByteBudget b = bytes;
    if (b == null && (b = ByteBudget.ifLimited(rule)) != null) {
      bytes = b;
    }
    return b;
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

  private Object writeReplace() {
    LinkedBlockingDeque<E> copy = new LinkedBlockingDeque<>(capacity);
    copy.addAll(this);
    return copy;
  }
}
