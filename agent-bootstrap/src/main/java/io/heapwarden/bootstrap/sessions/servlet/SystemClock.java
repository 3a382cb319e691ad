package io.heapwarden.bootstrap.sessions.servlet;

import java.util.function.LongSupplier;

/** Epoch milliseconds, the clock both containers stamp their sessions with. */
final class SystemClock implements LongSupplier {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long getAsLong() {
    return System.currentTimeMillis();
  }
}
