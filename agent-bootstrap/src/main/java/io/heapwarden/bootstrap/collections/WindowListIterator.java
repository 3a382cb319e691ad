package io.heapwarden.bootstrap.collections;

import java.util.ListIterator;
import java.util.function.Consumer;

/**
 * A list iterator of a bounded list whose {@code add} keeps the list within its bound. When that
 * drops entries from the head, the iterator moves back by as many positions so that it still stands
 * just after the inserted entry (or at the start, when the entry itself was dropped).
 */
final class WindowListIterator<E> implements ListIterator<E> {
  private final WindowList<E> list;
  private ListIterator<E> plain;

  WindowListIterator(WindowList<E> list, int index) {
    this.list = list;
    this.plain = list.plainListIterator(index);
  }

  @Override
  public void add(E e) {
    long dropsBefore = list.headDrops();
    plain.add(e);
    list.fitAfterInsert();
    long dropped = list.headDrops() - dropsBefore;
    if (dropped > 0) {
      plain = list.plainListIterator((int) Math.max(0, plain.nextIndex() - dropped));
    }
  }

  @Override
  public boolean hasNext() {
    return plain.hasNext();
  }

  @Override
  public E next() {
    return plain.next();
  }

  @Override
  public boolean hasPrevious() {
    return plain.hasPrevious();
  }

  @Override
  public E previous() {
    return plain.previous();
  }

  @Override
  public int nextIndex() {
    return plain.nextIndex();
  }

  @Override
  public int previousIndex() {
    return plain.previousIndex();
  }

  @Override
  public void remove() {
    plain.remove();
  }

  @Override
  public void set(E e) {
    plain.set(e);
  }

  @Override
  public void forEachRemaining(Consumer<? super E> action) {
    plain.forEachRemaining(action);
  }
}
