package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArrayDeque} that keeps the most recently inserted entries: past the rule's live bound,
 * an insertion at the tail drops the head and an insertion at the head ({@code addFirst}, {@code
 * offerFirst}, {@code push}) drops the tail. Rejects null, not thread-safe, like the original.
 * Serializes as a plain {@code ArrayDeque}.
 */
public final class BoundedArrayDeque<E> extends ArrayDeque<E> implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes

  public BoundedArrayDeque(Rule rule) {
    this.rule = rule;
  }

  // add, offer, offerLast and addAll (element by element) call addLast; offerFirst and push call
  // addFirst.

  @Override
  public void addLast(E e) {
    super.addLast(e);
    Trimming.fit(rule, this, HEAD, e);
  }

  @Override
  public void addFirst(E e) {
    super.addFirst(e);
    Trimming.fit(rule, this, TAIL, e);
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
    return new ArrayDeque<>(this);
  }
}
