package io.heapwarden.bootstrap.collections;

import java.util.List;
import java.util.ListIterator;

/**
 * A bounded list, or a view of one, as its views and list iterators see it. Insertions may drop
 * entries from the head, which shifts every index; views and iterators use {@link #headDrops()} to
 * shift their own positions instead of silently pointing at the wrong entries.
 */
interface WindowList<E> extends List<E> {
  /** The number of entries dropped from the head so far. */
  long headDrops();

  /** The structural modification count, for fail-fast views. */
  int modifications();

  /** The list iterator of the plain list, without window handling. */
  ListIterator<E> plainListIterator(int index);

  /** Trims to the bound after an insertion made through a plain iterator; no-op within it. */
  void fitAfterInsert();
}
