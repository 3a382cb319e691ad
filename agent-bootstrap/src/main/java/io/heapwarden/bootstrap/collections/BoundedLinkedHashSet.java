package io.heapwarden.bootstrap.collections;

import io.heapwarden.bootstrap.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LinkedHashSet} (replacing a {@code HashSet} or a {@code LinkedHashSet}) that keeps at
 * most the rule's live bound of elements. With FIFO eviction an insertion past the bound drops the
 * oldest inserted element. With LRU eviction it approximates least-recently-used with CLOCK (second
 * chance): {@code contains} of a present element, or {@code add} of one, marks it without modifying
 * the set; eviction walks from the eldest, moves each marked element (clearing its mark) to the
 * newest end and drops the first unmarked one. Iteration follows insertion order, so a {@code
 * HashSet}'s unspecified order becomes its insertion order. Allows null and is not thread-safe,
 * like the originals. Serializes as a plain set of the replaced type.
 */
public final class BoundedLinkedHashSet<E> extends LinkedHashSet<E> implements Bounded, Window {
  private static final long serialVersionUID = 1L;

  private final transient Rule rule;
  private transient @Nullable ByteBudget bytes; // made when the rule first sets max-bytes
  private final transient boolean replacesHashSet;
  private final transient boolean lru;
  // lru: made from half the bound on (MapClock.due)
  private transient @Nullable AccessMarks accessed;

  /**
   * @param lru approximate least-recently-used eviction instead of oldest-inserted
   * @param replacesHashSet serialize as a {@code HashSet} rather than a {@code LinkedHashSet}
   */
  public BoundedLinkedHashSet(Rule rule, boolean lru, boolean replacesHashSet) {
    this.rule = rule;
    this.replacesHashSet = replacesHashSet;
    this.lru = lru;
  }

  // addAll (AbstractCollection) calls add.

  @Override
  public boolean add(E e) {
    if (super.add(e)) {
      if (lru && accessed == null) {
        long max = ByteBudget.maxEntriesOf(bytes(), rule);
        if (MapClock.due(size(), max)) {
          accessed = new AccessMarks(max);
        }
      }
      Trimming.fit(rule, this, HEAD, e);
      return true;
    }
    markAccessed(e);
    return false;
  }

  @Override
  public boolean contains(Object o) {
    boolean found = super.contains(o);
    if (found) {
      markAccessed(o);
    }
    return found;
  }

  /** True when this set evicts the least recently used element rather than the oldest one. */
  public boolean lru() {
    return lru;
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
    if (!lru) {
      return sweep(count, false);
    }
    long max = ByteBudget.maxEntriesOf(bytes(), rule);
    if (accessed == null) {
      accessed = new AccessMarks(max);
    }
    accessed.fitTo(max);
    int dropped = sweep(count, true);
    // When every older element was marked, the first sweep only cleared and moved them.
    return dropped < count ? dropped + sweep(count - dropped, false) : dropped;
  }

  /**
   * Walks from the eldest element, dropping unmarked ones. With {@code secondChances}, a marked
   * element loses its mark and moves to the newest end instead; should the walk reach the newest
   * element after moving others, it moves that one too, behind them, so that it is not the first to
   * go.
   */
  private int sweep(int count, boolean secondChances) {
    // second chances come from lru's dropOldest, which made the marks first
    AccessMarks marks = secondChances ? Objects.requireNonNull(accessed) : null;
    List<E> moved = new ArrayList<>();
    int dropped = 0;
    try {
      for (Iterator<E> eldest = super.iterator(); dropped < count && eldest.hasNext(); ) {
        E e = eldest.next();
        boolean keep =
            marks != null && (marks.testAndClear(e) || (!eldest.hasNext() && !moved.isEmpty()));
        eldest.remove();
        if (keep) {
          moved.add(e);
        } else {
          dropped++;
        }
      }
    } finally {
      for (E e : moved) {
        super.add(e);
      }
    }
    return dropped;
  }

  private void markAccessed(Object o) {
    if (accessed != null) {
      accessed.mark(o);
    }
  }

  private Object writeReplace() {
    return replacesHashSet ? new HashSet<>(this) : new LinkedHashSet<>(this);
  }
}
