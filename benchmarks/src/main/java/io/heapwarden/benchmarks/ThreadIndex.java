package io.heapwarden.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each thread walks the key sequence from its own offset. */
@State(Scope.Thread)
public class ThreadIndex {
  private static int nextStart;
  private int index;

  public ThreadIndex() {
    synchronized (ThreadIndex.class) {
      index = nextStart;
      nextStart += Keys.COUNT / 7;
    }
  }

  int next() {
    return index++;
  }
}
