package io.heapwarden.bootstrap.sessions.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.LiveCollections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class ServletSessionsTest {
  private final Rule rule = new Rule(0, "ManagerBase.sessions", RuleKind.SESSION, limits());

  @Test
  void theContainersConcurrentHashMapBecomesAServletSessionMapWithItsSessions() {
    ConcurrentHashMap<String, Object> containers = new ConcurrentHashMap<>(Map.of("id", "session"));

    Object stored = ServletSessions.onFieldWrite(containers, rule);

    assertThat(stored).isInstanceOf(ServletSessionMap.class).isEqualTo(containers);
    assertThat(ServletSessions.onFieldWrite(stored, rule)).isSameAs(stored);
    assertThat(LiveCollections.size(rule)).isEqualTo(1);
  }

  @Test
  void anyOtherMapIsKeptAsItIs() {
    ConcurrentSkipListMap<String, Object> own = new ConcurrentSkipListMap<>();

    assertThat(ServletSessions.onFieldWrite(own, rule)).isSameAs(own);
    assertThat(ServletSessions.onFieldWrite(null, rule)).isNull();
    assertThat(rule.enabled()).isTrue();
  }

  private static long[] limits() {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = 10;
    return limits;
  }
}
