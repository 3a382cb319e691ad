package io.heapwarden.bootstrap.collections;

import java.util.AbstractList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.ListIterator;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * {@code subList} of a bounded list. The JDK's views write insertions through to the parent's
 * {@code add(int, E)} (so the parent is trimmed) but then keep their old offset, silently showing
 * shifted entries. This view reads how many entries the insertion dropped from the parent's head
 * and shifts itself: it keeps showing the entries it showed, minus those evicted. Like the JDK's
 * views it fails fast when the parent is modified structurally other than through the view. It
 * reaches entries by index, so iterating a view of a {@code LinkedList} walks the list per entry
 * (the JDK's view iterates it directly); views of linked lists are rare in services.
 */
class WindowSubList<E> extends AbstractList<E> implements WindowList<E> {
  private final WindowList<E> parent;
  private int offset;
  private int size;
  private int expectedParentModifications;
  private long headDrops;

  WindowSubList(WindowList<E> parent, int fromIndex, int toIndex) {
    this.parent = parent;
    this.offset = fromIndex;
    this.size = toIndex - fromIndex;
    this.expectedParentModifications = parent.modifications();
  }

  /** A view of {@code parent}, random access when the parent is. */
  static <E> WindowSubList<E> of(WindowList<E> parent, int fromIndex, int toIndex) {
    // The same checks and exceptions as the JDK's subList.
    if (fromIndex < 0) {
      throw new IndexOutOfBoundsException("fromIndex = " + fromIndex);
    }
    if (toIndex > parent.size()) {
      throw new IndexOutOfBoundsException("toIndex = " + toIndex);
    }
    if (fromIndex > toIndex) {
      throw new IllegalArgumentException("fromIndex(" + fromIndex + ") > toIndex(" + toIndex + ")");
    }
    return parent instanceof RandomAccess
        ? new RandomAccessWindowSubList<>(parent, fromIndex, toIndex)
        : new WindowSubList<>(parent, fromIndex, toIndex);
  }

  @Override
  public E get(int index) {
    Objects.checkIndex(index, size);
    checkForComodification();
    return parent.get(offset + index);
  }

  @Override
  public E set(int index, E element) {
    Objects.checkIndex(index, size);
    checkForComodification();
    return parent.set(offset + index, element);
  }

  @Override
  public int size() {
    checkForComodification();
    return size;
  }

  @Override
  public void add(int index, E element) {
    Objects.checkIndex(index, size + 1);
    checkForComodification();
    long dropsBefore = parent.headDrops();
    int parentSizeBefore = parent.size();
    parent.add(offset + index, element);
    inserted(parentSizeBefore, dropsBefore);
  }

  @Override
  public boolean addAll(Collection<? extends E> c) {
    return addAll(size, c);
  }

  @Override
  public boolean addAll(int index, Collection<? extends E> c) {
    Objects.checkIndex(index, size + 1);
    checkForComodification();
    long dropsBefore = parent.headDrops();
    int parentSizeBefore = parent.size();
    boolean changed = parent.addAll(offset + index, c);
    inserted(parentSizeBefore, dropsBefore);
    return changed;
  }

  @Override
  public E remove(int index) {
    Objects.checkIndex(index, size);
    checkForComodification();
    E removed = parent.remove(offset + index);
    size--;
    changed();
    return removed;
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    checkForComodification();
    ListIterator<E> it = parent.plainListIterator(offset + fromIndex);
    for (int i = fromIndex; i < toIndex; i++) {
      it.next();
      it.remove();
    }
    size -= toIndex - fromIndex;
    changed();
  }

  @Override
  public ListIterator<E> listIterator(int index) {
    checkForComodification();
    Objects.checkIndex(index, size + 1);
    return new WindowListIterator<>(this, index);
  }

  @Override
  public java.util.List<E> subList(int fromIndex, int toIndex) {
    checkForComodification();
    return of(this, fromIndex, toIndex);
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
    // Insertions through this view already went through the parent's bounded add.
  }

  /** Adjusts the view after an insertion through it that may have dropped the parent's head. */
  private void inserted(int parentSizeBefore, long parentDropsBefore) {
    long dropped = parent.headDrops() - parentDropsBefore;
    long insertedCount = parent.size() - parentSizeBefore + dropped;
    long lostHere = Math.min(Math.max(0, dropped - offset), size + insertedCount);
    offset = (int) Math.max(0, offset - dropped);
    size = (int) (size + insertedCount - lostHere);
    headDrops += lostHere;
    changed();
  }

  private void changed() {
    expectedParentModifications = parent.modifications();
    modCount++;
  }

  private void checkForComodification() {
    if (parent.modifications() != expectedParentModifications) {
      throw new ConcurrentModificationException();
    }
  }

  /** The view of a random-access list. */
  static final class RandomAccessWindowSubList<E> extends WindowSubList<E> implements RandomAccess {
    RandomAccessWindowSubList(WindowList<E> parent, int fromIndex, int toIndex) {
      super(parent, fromIndex, toIndex);
    }
  }
}
