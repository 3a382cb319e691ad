package io.heapwarden.bootstrap.collections;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The live collections of one rule, as {@link LiveCollections} keeps them: a list of weak
 * references that never keeps a collection alive and costs a registering thread O(1).
 *
 * <p>Every thread-safe collection is listed, since the pressure guard's emergency trim must reach
 * each one. The others are only ever counted, so only a random sample of them is listed: each with
 * probability 2<sup>-shift</sup>, and weighing 2<sup>shift</sup> (the shift in force when it was
 * registered) in the counts, which keeps the sums unbiased. The shift is raised so that about
 * {@link #SAMPLE} of them are listed at a time, whatever their number; while fewer are alive, all
 * of them are, and the counts are exact.
 *
 * <p>Registration pushes a node at the head with a CAS and then, if no one else is doing it,
 * advances a sweep cursor by {@link #STEPS} nodes, unlinking those whose collection is gone; at the
 * end of each lap it sets the shift from the sampled count it saw. So the list stays within a small
 * multiple of the collections alive, with no walk on the registering thread. Readers (telemetry,
 * the emergency trim) walk the whole list under the same lock, off the service's threads;
 * registering threads never wait for it.
 */
final class LiveRegistry {
  /** How many sampled collections to keep listed, about. */
  static final int SAMPLE = 1024;

  /** Nodes the sweep cursor advances per registration: more than one, so the list cannot grow. */
  private static final int STEPS = 2;

  private static final int MAX_SHIFT = 30;
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(LiveRegistry.class, "head", Node.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through HEAD
  private volatile @Nullable Node head;

  /** log2 of the sampling interval of collections that are not thread-safe; racy reads are fine. */
  private volatile int shift;

  // The sweep: one holder at a time, under the lock.
  private final ReentrantLock sweeping = new ReentrantLock();
  private @Nullable Node prev;
  private @Nullable Node cursor;
  private long lapWeight; // sampled collections alive seen in this lap, weighted
  private boolean lapStarted;

  /** Lists a thread-safe collection: always. */
  void addReachable(Object collection) {
    push(new Node(collection));
  }

  /** Lists a collection that is not thread-safe, if the sample picks it. */
  void addSampled(Object collection) {
    int s = shift;
    if (s != 0 && (ThreadLocalRandom.current().nextInt() & ((1 << s) - 1)) != 0) {
      return;
    }
    push(new SampledNode(collection, 1 << s));
  }

  private void push(Node node) {
    Node h;
    do {
      h = head;
      node.next = h;
    } while (!HEAD.compareAndSet(this, h, node));
    if (sweeping.tryLock()) {
      try {
        sweep(STEPS);
      } finally {
        sweeping.unlock();
      }
    }
  }

  /** The sum of {@code measure} over the live collections, each weighed by its sample weight. */
  long sum(Measure measure) {
    sweeping.lock();
    try {
      long total = 0;
      for (Node n = head; n != null; n = n.next) {
        Object collection = n.get();
        if (collection != null) {
          total += n.weight() * measure.of(collection);
        }
      }
      restartLap();
      sweep(Integer.MAX_VALUE); // a whole lap: unlinks what is gone and sets the shift
      return total;
    } finally {
      sweeping.unlock();
    }
  }

  /** The listed thread-safe collections that are alive. */
  List<Object> reachable() {
    List<Object> live = new ArrayList<>();
    sweeping.lock();
    try {
      for (Node n = head; n != null; n = n.next) {
        Object collection = n.get();
        if (collection != null && !(n instanceof SampledNode)) {
          live.add(collection);
        }
      }
    } finally {
      sweeping.unlock();
    }
    return live;
  }

  /** How many nodes the list holds, gone or alive: for tests. */
  int nodes() {
    sweeping.lock();
    try {
      int count = 0;
      for (Node n = head; n != null; n = n.next) {
        count++;
      }
      return count;
    } finally {
      sweeping.unlock();
    }
  }

  /**
   * Advances the cursor by up to {@code steps} nodes, or to the end of the lap. A node whose
   * collection is gone is unlinked, except the first of the list, which registering threads may be
   * pushing in front of at this moment (it goes in a later lap, once it has a predecessor).
   */
  private void sweep(int steps) {
    if (!lapStarted) {
      restartLap();
    }
    for (int i = 0; i < steps; i++) {
      Node n = cursor;
      if (n == null) {
        endLap();
        return;
      }
      Object collection = n.get();
      if (prev != null && (collection == null || !resampled(n))) {
        prev.next = n.next; // readers hold the lock; pushers only touch the head
      } else {
        if (collection != null && n instanceof SampledNode) {
          lapWeight += n.weight();
        }
        prev = n;
      }
      cursor = n.next;
    }
  }

  /**
   * Whether a node stays in the sample as the shift rises: one sampled with a smaller weight (a
   * higher probability) than the shift's now is kept with the ratio of the two probabilities, and
   * then weighs as much as a node sampled now. So the sample stays about {@link #SAMPLE} long
   * rather than growing by that much at each rise, and stays unbiased.
   */
  private boolean resampled(Node n) {
    if (!(n instanceof SampledNode)) {
      return true;
    }
    SampledNode sampled = (SampledNode) n;
    int now = 1 << shift;
    if (sampled.weight >= now) {
      return true;
    }
    if (ThreadLocalRandom.current().nextInt(now) >= sampled.weight) {
      return false;
    }
    sampled.weight = now;
    return true;
  }

  private void restartLap() {
    prev = null;
    cursor = head;
    lapWeight = 0;
    lapStarted = true;
  }

  /** Sets the sampling so that about {@link #SAMPLE} collections are listed at the next lap. */
  private void endLap() {
    int s = 0;
    while (s < MAX_SHIFT && (lapWeight >>> s) > SAMPLE) {
      s++;
    }
    if (s != shift) {
      shift = s;
    }
    lapStarted = false;
  }

  /** What {@link #sum} adds up per collection. */
  interface Measure {
    long of(Object collection);
  }

  /** A listed thread-safe collection: counts once. */
  static class Node extends WeakReference<Object> {
    @Nullable Node next; // written before the CAS that publishes the node, or under the lock

    Node(Object collection) {
      super(collection);
    }

    long weight() {
      return 1;
    }
  }

  /** A sampled collection: stands for {@code weight} collections like it. */
  static final class SampledNode extends Node {
    private int weight; // raised by the sweep, under the lock

    SampledNode(Object collection, int weight) {
      super(collection);
      this.weight = weight;
    }

    @Override
    long weight() {
      return weight;
    }
  }
}
