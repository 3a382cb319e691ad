package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.Collection;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LinkedList} that keeps the newest entries. Used as a list or a queue, an insertion past
 * the rule's live bound drops the head (index 0); used as a deque, {@code addFirst}, {@code
 * offerFirst} and {@code push} insert at the head and so drop the tail instead: the window keeps
 * the most recently inserted entries. Not thread-safe, like the original. Serializes as a plain
 * {@code LinkedList}.
 */
public final class BoundedLinkedList<E> extends LinkedList<E>
    implements Bounded, Window, WindowList<E> {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private transient long headDrops;

  public BoundedLinkedList(Rule rule) {
    this.rule = rule;
  }

  // add(E), addLast, offer and offerLast link at the tail; addFirst, offerFirst and push at the
  // head; addAll(Collection) calls addAll(size(), c). ListIterator.add bypasses all of them
  // (LinkedList.ListItr links directly), hence the WindowListIterator.

  @Override
  public boolean add(E e) {
    boolean added = super.add(e);
    fitAfterInsert();
    return added;
  }

  @Override
  public void add(int index, E element) {
    super.add(index, element);
    fitAfterInsert();
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> c) {
    boolean changed = super.addAll(index, c);
    fitAfterInsert();
    return changed;
  }

  @Override
  public void addLast(E e) {
    super.addLast(e);
    fitAfterInsert();
  }

  @Override
  public void addFirst(E e) {
    super.addFirst(e);
    Trimming.fit(rule, this, TAIL, e);
  }

  @Override
  public ListIterator<E> listIterator(int index) {
    return new WindowListIterator<>(this, index);
  }

  @Override
  public List<E> subList(int fromIndex, int toIndex) {
    return WindowSubList.of(this, fromIndex, toIndex);
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
    while (dropped < count && !isEmpty()) {
      if (fromHead) {
        removeFirst();
        headDrops++;
      } else {
        removeLast();
      }
      dropped++;
    }
    return dropped;
  }

  @Override
  public long headDrops() {
    return headDrops;
  }

  @Override
  public int modifications() {
    return modCount;
  }

  @Override
  public ListIterator<E> plainListIterator(int index) {
    return super.listIterator(index);
  }

  @Override
  public void fitAfterInsert() {
    Trimming.fit(rule, this, HEAD, peekLast());
  }

  private Object writeReplace() {
    return new LinkedList<>(this);
  }
}
