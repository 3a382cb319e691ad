package io.heapwarden.agent.endpoints;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Who may run {@code /cleanup}, decided before anything is done: the method, a token in the URL,
 * the bearer token, and the two rate limits. Pure logic over the request's method, query and {@code
 * Authorization} header, so that every rule is unit-tested without a socket.
 */
final class CleanupGate {
  /** Failed authentications allowed at once, then one per {@link #FAILURE_INTERVAL_NANOS}. */
  static final int FAILURE_BURST = 10;

  static final long FAILURE_INTERVAL_NANOS = Duration.ofSeconds(6).toNanos();

  /** The answer to one request: go ahead ({@link #ok}), or the status and message to refuse it. */
  record Decision(int status, String message, long retryAfterSeconds) {
    boolean ok() {
      return status == 200;
    }
  }

  private final BearerToken token;
  private final CallLimiter cleanups;
  private final CallLimiter failures;

  CleanupGate(@Nullable String token, Duration interval, LongSupplier clock) {
    this.token = new BearerToken(token);
    this.cleanups = new CallLimiter(Math.max(1, interval.toNanos()), 1, clock);
    this.failures = new CallLimiter(FAILURE_INTERVAL_NANOS, FAILURE_BURST, clock);
  }

  /** Whether a token is configured (without one, every call is refused with 403). */
  boolean configured() {
    return token.configured();
  }

  Decision decide(String method, @Nullable String rawQuery, @Nullable String authorization) {
    if (!method.equals("POST")) {
      return new Decision(405, "use POST", 0);
    }
    if (BearerToken.inQuery(rawQuery)) {
      return new Decision(
          400, "a token in the URL is refused: send it as Authorization: Bearer <token>", 0);
    }
    if (!failures.available()) {
      return new Decision(
          429, "too many failed authentications; try later", failures.retryAfterSeconds());
    }
    switch (token.check(authorization)) {
      case NOT_CONFIGURED:
        return new Decision(403, "no admin.token is configured: /cleanup is disabled", 0);
      case MISSING:
        failures.tryAcquire();
        return new Decision(401, "send Authorization: Bearer <token>", 0);
      case WRONG:
        failures.tryAcquire();
        return new Decision(401, "wrong token", 0);
      default:
        break;
    }
    if (!cleanups.tryAcquire()) {
      return new Decision(
          429,
          "a cleanup ran less than admin.cleanup-interval ago; try later",
          cleanups.retryAfterSeconds());
    }
    return new Decision(200, "ok", 0);
  }
}
