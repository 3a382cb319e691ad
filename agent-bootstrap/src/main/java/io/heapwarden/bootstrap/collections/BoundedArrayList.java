package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArrayList} that keeps the newest entries: an insertion past the rule's live bound drops
 * entries from index 0. List iterators and sub-lists shift their positions by what was dropped. Not
 * thread-safe, like the original. Serializes as a plain {@code ArrayList}.
 */
public final class BoundedArrayList<E> extends ArrayList<E>
    implements Bounded, Window, WindowList<E> {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private transient long headDrops;

  public BoundedArrayList(Rule rule, int initialCapacity) {
    super(initialCapacity);
    this.rule = rule;
  }

  /** Empty, with an {@code ArrayList}'s default capacity (made at the first insertion). */
  private BoundedArrayList(Rule rule) {
    this.rule = rule;
  }

  /** Holding exactly {@code contents}, as {@code new ArrayList<>(contents)} would. */
  private BoundedArrayList(Rule rule, Collection<? extends E> contents) {
    super(contents);
    this.rule = rule;
  }

  /**
   * A bounded copy of {@code original}: its newest entries within the bound (the others counted as
   * evictions), in an array of just their number, as {@code new ArrayList<>(original)} makes; an
   * empty original gives an empty list with the default capacity, like {@code new ArrayList<>()}.
   */
  static <E> BoundedArrayList<E> copyOf(List<E> original, Rule rule) {
    int size = original.size();
    if (size == 0) {
      return new BoundedArrayList<>(rule);
    }
    int kept = (int) Math.min(size, Bounds.maxEntries(rule));
    BoundedArrayList<E> copy =
        new BoundedArrayList<>(rule, kept == size ? original : original.subList(size - kept, size));
    Bounds.evicted(rule, size - kept);
    copy.fitAfterInsert(); // max-bytes
    return copy;
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
