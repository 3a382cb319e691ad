package io.heapwarden.bootstrap.sessions;

import java.util.function.LongSupplier;

/** The nanosecond time source of session maps: {@link System#nanoTime()}; tests pass their own. */
final class SessionClock {
  static final LongSupplier SYSTEM =
      new LongSupplier() {
        @Override
        public long getAsLong() {
          return System.nanoTime();
        }
      };

  private SessionClock() {}
}
