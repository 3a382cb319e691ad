package io.heapwarden.agent.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Who may run {@code POST /cleanup}: method, token in the URL, bearer token, rate limits. */
class CleanupGateTest {
  private static final String TOKEN = "0123456789abcdef-token";
  private static final String RIGHT = "Bearer " + TOKEN;

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CleanupGate gate = new CleanupGate(TOKEN, Duration.ofSeconds(10), now::get);

  private int status(String method, String query, String authorization) {
    return gate.decide(method, query, authorization).status();
  }

  @Test
  void theRightTokenIsLetThrough() {
    CleanupGate.Decision decision = gate.decide("POST", null, RIGHT);

    assertThat(decision.ok()).isTrue();
    assertThat(decision.status()).isEqualTo(200);
  }

  @Test
  void theSchemeIsCaseInsensitiveAndTheTokenIsNot() {
    assertThat(status("POST", null, "bearer " + TOKEN)).isEqualTo(200);
    now.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(status("POST", null, "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(401);
  }

  @Test
  void noTokenOrAWrongOneIs401() {
    assertThat(status("POST", null, null)).isEqualTo(401);
    assertThat(gate.decide("POST", null, null).message())
        .isEqualTo("send Authorization: Bearer <token>");
    assertThat(status("POST", null, "Basic dXNlcjpwYXNz")).isEqualTo(401);
    assertThat(status("POST", null, "Bearer ")).isEqualTo(401);
    assertThat(status("POST", null, "Bearer wrong")).isEqualTo(401);
    assertThat(status("POST", null, "Bearer " + TOKEN + "x")).isEqualTo(401);
    assertThat(status("POST", null, "Bearer " + TOKEN.substring(1))).isEqualTo(401);
    assertThat(gate.decide("POST", null, "Bearer wrong").message()).isEqualTo("wrong token");
  }

  @Test
  void aTokenInTheQueryStringIsRefusedEvenWithTheRightHeader() {
    assertThat(status("POST", "token=" + TOKEN, RIGHT)).isEqualTo(400);
    assertThat(status("POST", "access_token=" + TOKEN, null)).isEqualTo(400);
    assertThat(status("POST", "Authorization=Bearer%20x", null)).isEqualTo(400);
    // and it did not use up the cleanup
    assertThat(status("POST", null, RIGHT)).isEqualTo(200);
  }

  @Test
  void anyOtherMethodIs405BeforeAnythingElse() {
    for (String method : new String[] {"GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      assertThat(status(method, "token=x", RIGHT)).as(method).isEqualTo(405);
    }
  }

  @Test
  void aSecondCleanupWithinTheIntervalIs429UntilItHasPassed() {
    assertThat(status("POST", null, RIGHT)).isEqualTo(200);
    now.addAndGet(Duration.ofSeconds(3).toNanos());

    CleanupGate.Decision early = gate.decide("POST", null, RIGHT);

    assertThat(early.status()).isEqualTo(429);
    assertThat(early.retryAfterSeconds()).isEqualTo(7);
    now.addAndGet(Duration.ofSeconds(7).toNanos());
    assertThat(status("POST", null, RIGHT)).isEqualTo(200);
  }

  @Test
  void refusedCallsDoNotUseUpTheCleanup() {
    assertThat(status("POST", null, "Bearer wrong")).isEqualTo(401);
    assertThat(status("GET", null, RIGHT)).isEqualTo(405);
    assertThat(status("POST", null, RIGHT)).isEqualTo(200);
  }

  @Test
  void guessingIsSlowedDown() {
    for (int i = 0; i < CleanupGate.FAILURE_BURST; i++) {
      assertThat(status("POST", null, "Bearer guess-" + i)).isEqualTo(401);
    }

    CleanupGate.Decision limited = gate.decide("POST", null, RIGHT);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfterSeconds()).isEqualTo(6);
    now.addAndGet(CleanupGate.FAILURE_INTERVAL_NANOS);
    assertThat(status("POST", null, RIGHT)).isEqualTo(200);
  }

  @Test
  void withoutAConfiguredTokenEveryCallIsRefused() {
    CleanupGate none = new CleanupGate(null, Duration.ofSeconds(10), now::get);

    assertThat(none.configured()).isFalse();
    assertThat(none.decide("POST", null, null).status()).isEqualTo(403);
    assertThat(none.decide("POST", null, "Bearer anything-at-all-here").status()).isEqualTo(403);
  }

  @Test
  void noMessageRepeatsWhatTheCallerSent() {
    String guess = "Bearer my-guess-1234567890";
    for (String method : new String[] {"POST", "GET"}) {
      for (String query : new String[] {null, "token=" + TOKEN}) {
        for (String authorization : new String[] {null, guess, RIGHT}) {
          String message = gate.decide(method, query, authorization).message();
          assertThat(message).doesNotContain(TOKEN).doesNotContain("my-guess");
        }
      }
    }
  }
}
