package io.heapwarden.bootstrap.collections;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The number of entries of a concurrent linked queue or deque as its bound sees it. Their own
 * {@code size()} walks every node, far too slow to call on each insertion, so the bounded types
 * count insertions and removals here instead. The count is exact except when an iterator removal or
 * a bulk removal races with another removal of the very same entry; both then count it. It is an
 * {@code AtomicInteger} itself, so that it costs a queue one small object.
 */
final class EntryCount extends AtomicInteger {
  private static final long serialVersionUID = 1L;

  void added() {
    incrementAndGet();
  }

  void removed() {
    decrementAndGet();
  }

  /** Counts the removals of a bulk-removal filter: runs {@code removeIf} with a counting filter. */
  <E> boolean removeIf(Predicate<Predicate<E>> removeIf, Predicate<? super E> filter) {
    int[] matched = {0};
    try {
      return removeIf.test(
          e -> {
            if (filter.test(e)) {
              matched[0]++;
              return true;
            }
            return false;
          });
    } finally {
      addAndGet(-matched[0]);
    }
  }

  /** An iterator whose {@code remove} is counted. */
  <E> Iterator<E> counting(Iterator<E> iterator) {
    return new Iterator<E>() {
      @Override
      public boolean hasNext() {
        return iterator.hasNext();
      }

      @Override
      public E next() {
        return iterator.next();
      }

      @Override
      public void remove() {
        iterator.remove();
        removed();
      }

      @Override
      public void forEachRemaining(Consumer<? super E> action) {
        iterator.forEachRemaining(action);
      }
    };
  }
}
