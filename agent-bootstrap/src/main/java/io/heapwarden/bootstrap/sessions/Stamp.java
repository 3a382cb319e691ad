package io.heapwarden.bootstrap.sessions;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * When a session was created and last used, and its place in the access order ({@code seq}, 0
 * before the first access). Written by the threads that use the session, read by evictors.
 */
final class Stamp {
  private static final AtomicLongFieldUpdater<Stamp> SEQ =
      AtomicLongFieldUpdater.newUpdater(Stamp.class, "seq");

  final long created;
  volatile long lastAccess;
  volatile long seq;

  Stamp(long now) {
    this.created = now;
    this.lastAccess = now;
  }

  /** Records an access at {@code now} with the new order number; returns the previous one. */
  long access(long now, long newSeq) {
    lastAccess = now;
    return SEQ.getAndSet(this, newSeq);
  }
}
