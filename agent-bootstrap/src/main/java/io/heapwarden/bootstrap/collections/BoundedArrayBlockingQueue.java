package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArrayBlockingQueue} that keeps the newest entries: {@code offer}, {@code add} and
 * {@code put} on a queue at the rule's bound first drop the oldest entry (counted as an eviction),
 * so a producer never blocks and is never rejected (the seeds' bounded SSE queue behaviour). It
 * keeps the original's capacity; when the rule's bound is above it, the capacity wins and blocks or
 * rejects as before. The original's fairness cannot be read through its API, so this queue uses the
 * default (non-fair) lock. With several producers the size may exceed the bound by at most the
 * number of producers inserting at that moment. Serializes as a plain {@code ArrayBlockingQueue} of
 * the same capacity.
 */
public final class BoundedArrayBlockingQueue<E> extends ArrayBlockingQueue<E>
    implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private final int capacity;

  public BoundedArrayBlockingQueue(Rule rule, int capacity) {
    super(capacity);
    this.rule = rule;
    this.capacity = capacity;
  }

  // add and addAll (AbstractQueue) call offer.

  @Override
  public boolean offer(E e) {
    Objects.requireNonNull(e);
    return Trimming.insertDroppingOldest(rule, capacity, this, HEAD, e, () -> super.offer(e));
  }

  @Override
  public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
    Objects.requireNonNull(e);
    if (Trimming.insertDroppingOldest(rule, capacity, this, HEAD, e, () -> super.offer(e))) {
      return true;
    }
    return super.offer(e, timeout, unit);
  }

  @Override
  public void put(E e) throws InterruptedException {
    Objects.requireNonNull(e);
    if (!Trimming.insertDroppingOldest(rule, capacity, this, HEAD, e, () -> super.offer(e))) {
      super.put(e);
    }
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
    while (dropped < count && poll() != null) {
      dropped++;
    }
    return dropped;
  }

  private Object writeReplace() {
    ArrayBlockingQueue<E> copy = new ArrayBlockingQueue<>(capacity);
    copy.addAll(this);
    return copy;
  }
}
