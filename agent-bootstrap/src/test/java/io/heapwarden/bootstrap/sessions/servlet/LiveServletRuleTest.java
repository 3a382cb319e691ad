package io.heapwarden.bootstrap.sessions.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import io.heapwarden.bootstrap.sessions.EvictionReason;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveServletRuleTest {
  private final Rule rule =
      new Rule(0, "ManagerBase.sessions", RuleKind.SESSION, limits(100, 10, 5));
  private final LiveServletRule live = new LiveServletRule(rule);

  @AfterEach
  void noEmergency() {
    MemoryPressure.endEmergency();
  }

  @Test
  void limitsAreReadLiveFromTheRule() {
    assertThat(live.maxSessions()).isEqualTo(100);
    assertThat(live.idleTimeoutMillis()).isEqualTo(600_000);
    assertThat(live.evictIdleAfterMillis()).isEqualTo(600_000);
    assertThat(live.window()).isEqualTo(5);

    rule.updateLimits(limits(20, 1, Limit.UNSET));

    assertThat(live.maxSessions()).isEqualTo(20);
    assertThat(live.idleTimeoutMillis()).isEqualTo(60_000);
    assertThat(live.window()).isEqualTo(Limit.UNSET);
  }

  @Test
  void anEmergencyScalesTheCapAndShortensIdleEvictionButNotTheContainersInterval() {
    MemoryPressure.enterEmergency(50, TimeUnit.MINUTES.toNanos(1));

    assertThat(live.maxSessions()).isEqualTo(50);
    assertThat(live.evictIdleAfterMillis()).isEqualTo(60_000);
    assertThat(live.idleTimeoutMillis()).isEqualTo(600_000);
    // evictions the configured limits alone would not make are pressure's
    assertThat(live.reason(EvictionReason.CAPACITY, 60, 0)).isEqualTo(EvictionReason.PRESSURE);
    assertThat(live.reason(EvictionReason.CAPACITY, 101, 0)).isEqualTo(EvictionReason.CAPACITY);
    assertThat(live.reason(EvictionReason.IDLE, 0, 70_000)).isEqualTo(EvictionReason.PRESSURE);
    assertThat(live.reason(EvictionReason.IDLE, 0, 600_000)).isEqualTo(EvictionReason.IDLE);
  }

  private static long[] limits(long maxSessions, long idleMinutes, long window) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = maxSessions;
    limits[Limit.IDLE_TIMEOUT.ordinal()] = TimeUnit.MINUTES.toNanos(idleMinutes);
    limits[Limit.WINDOW.ordinal()] = window;
    return limits;
  }
}
