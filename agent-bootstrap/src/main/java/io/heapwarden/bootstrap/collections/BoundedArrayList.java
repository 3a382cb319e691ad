package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;

/**
 * An {@link ArrayList} that keeps the newest entries: an insertion past the rule's live bound drops
 * entries from index 0. List iterators and sub-lists shift their positions by what was dropped. Not
 * thread-safe, like the original. Serializes as a plain {@code ArrayList}.
 */
public final class BoundedArrayList<E> extends ArrayList<E>
    implements Bounded, Window, WindowList<E> {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private final transient ByteBudget bytes = new ByteBudget();
  private transient long headDrops;

  public BoundedArrayList(Rule rule, int initialCapacity) {
    super(initialCapacity);
    this.rule = rule;
  }

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
  public boolean addAll(Collection<? extends E> c) {
    boolean changed = super.addAll(c);
    fitAfterInsert();
    return changed;
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> c) {
    boolean changed = super.addAll(index, c);
    fitAfterInsert();
    return changed;
  }

  @Override
  public ListIterator<E> listIterator() {
    return listIterator(0);
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
  public ByteBudget bytes() {
    return bytes;
  }

  @Override
  public int windowSize() {
    return size();
  }

  @Override
  public int dropOldest(int count, boolean fromHead) {
    int dropped = Math.min(count, size());
    removeRange(0, dropped);
    headDrops += dropped;
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
    Trimming.fit(rule, this, HEAD, isEmpty() ? null : get(size() - 1));
  }

  private Object writeReplace() {
    return new ArrayList<>(this);
  }
}
