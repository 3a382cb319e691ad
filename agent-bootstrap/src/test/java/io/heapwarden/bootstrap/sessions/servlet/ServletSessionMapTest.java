package io.heapwarden.bootstrap.sessions.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.servlet.FakeSessions.Session;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServletSessionMapTest {
  private final FakeSessions.Adapter adapter = new FakeSessions.Adapter();
  private final FakeSessions.Rule rule = new FakeSessions.Rule();
  private final FakeSessions.Clock clock = new FakeSessions.Clock();
  private final ServletSessionMap map =
      new ServletSessionMap(rule, type -> adapter, clock, Map.of());

  private Session login(String id, long at) {
    clock.now = at;
    Session session = new Session(id, at, 1800);
    session.container = map;
    map.put(id, session);
    return session;
  }

  @Test
  void beyondTheBoundTheLeastRecentlyUsedSessionIsInvalidatedNotTheNewOne() {
    rule.maxSessions = 3;
    login("a", 1);
    login("b", 2);
    login("c", 3);

    login("d", 4);
    login("e", 5);

    assertThat(map.keySet()).containsExactlyInAnyOrder("c", "d", "e");
    assertThat(adapter.invalidated).containsExactly("a", "b");
    assertThat(rule.evicted(EvictionReason.CAPACITY)).isEqualTo(2);
    // age and idle time of "a", evicted at 4: created at 1, last used at 1
    assertThat(rule.ageAndIdle.get(0)).containsExactly(3, 3);
  }

  @Test
  void aSessionUsedSinceTheCandidatesWereChosenMovesToTheNewEnd() {
    rule.maxSessions = 3;
    Session a = login("a", 1);
    Session b = login("b", 2);
    login("c", 3);
    login("d", 4); // chooses candidates a, b, c; evicts a
    b.lastAccess = 10; // b is used again

    login("e", 11);

    assertThat(adapter.invalidated).containsExactly("a", "c");
    assertThat(map).containsKeys("b", "d", "e");
    assertThat(a.valid).isFalse();
  }

  @Test
  void sessionsInUseAreNeverEvictedAndNewOnesAreNeverRefused() {
    rule.maxSessions = 2;
    login("a", 1).inUse = true;
    login("b", 2).inUse = true;

    login("c", 3);
    login("d", 4);

    // c is idle and the oldest idle one when d arrives; a and b are busy
    assertThat(adapter.invalidated).containsExactly("c");
    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b", "d");
  }

  @Test
  void aLoweredBoundAppliesAtTheNextInsertion() {
    rule.maxSessions = 10;
    for (int i = 0; i < 10; i++) {
      login("s" + i, i);
    }
    assertThat(adapter.invalidated).isEmpty();

    rule.maxSessions = 4;
    login("new", 100);

    assertThat(map).hasSize(4).containsKey("new");
    assertThat(adapter.invalidated).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6");
  }

  @Test
  void theSweepEnforcesACapLoweredWithoutAnyInsertion() {
    rule.maxSessions = 10;
    for (int i = 0; i < 10; i++) {
      login("s" + i, i);
    }
    rule.maxSessions = 3; // a reload, or a memory emergency scaling the cap

    map.sweep();

    assertThat(map.keySet()).containsExactlyInAnyOrder("s7", "s8", "s9");
  }

  @Test
  void aLongerOrInfiniteMaxInactiveIntervalIsLoweredToTheIdleTimeout() {
    rule.idleTimeoutMillis = 600_000;
    Session infinite = new Session("inf", 0, -1);
    Session longer = new Session("long", 0, 3600);
    Session shorter = new Session("short", 0, 60);
    map.put("inf", infinite);
    map.putIfAbsent("long", longer);
    map.put("short", shorter);

    assertThat(infinite.maxInactive).isEqualTo(600);
    assertThat(longer.maxInactive).isEqualTo(600);
    assertThat(shorter.maxInactive).isEqualTo(60);
  }

  @Test
  void theSweepInvalidatesSessionsIdleForTooLongAndLowersRaisedIntervals() {
    rule.idleTimeoutMillis = 10_000;
    Session old = login("old", 0);
    Session busy = login("busy", 0);
    busy.inUse = true;
    Session recent = login("recent", 5_000);
    recent.maxInactive = -1; // raised by the application after its creation

    clock.now = 12_000;
    map.sweep();

    assertThat(adapter.invalidated).containsExactly("old");
    assertThat(old.valid).isFalse();
    assertThat(map.keySet()).containsExactlyInAnyOrder("busy", "recent");
    assertThat(recent.maxInactive).isEqualTo(10);
    assertThat(rule.evicted(EvictionReason.IDLE)).isEqualTo(1);
    assertThat(rule.ageAndIdle.get(0)).containsExactly(12_000, 12_000);
  }

  @Test
  void collectionAttributesAreTrimmedToTheWindowWhenTheSessionIsLookedUp() {
    rule.window = 3;
    Session session = login("a", 1);
    List<Integer> history = new ArrayList<>(List.of(1, 2, 3, 4, 5));
    ArrayDeque<Integer> events = new ArrayDeque<>(List.of(1, 2, 3, 4));
    Map<String, Integer> recent = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      recent.put("k" + i, i);
    }
    session.attributes.put("history", history);
    session.attributes.put("events", events);
    session.attributes.put("recent", recent);
    session.attributes.put("fixed", List.of(1, 2, 3, 4));
    session.attributes.put("name", "alice");

    assertThat(map.get("a")).isSameAs(session);

    assertThat(history).containsExactly(3, 4, 5);
    assertThat(events).containsExactly(2, 3, 4);
    assertThat(recent).containsOnlyKeys("k3", "k4", "k5");
    assertThat(session.attributes.get("fixed")).isEqualTo(List.of(1, 2, 3, 4)); // immutable: kept
  }

  @Test
  void computeIfAbsentIsALookupToo() {
    rule.window = 1;
    Session session = login("a", 1);
    List<Integer> history = new ArrayList<>(List.of(1, 2));
    session.attributes.put("history", history);

    assertThat(map.computeIfAbsent("a", id -> null)).isSameAs(session);

    assertThat(history).containsExactly(2);
  }

  @Test
  void aFailureOfTheAgentDisablesTheRuleAndTheContainerCallCompletes() {
    rule.maxSessions = 1;
    rule.idleTimeoutMillis = 60_000;
    adapter.failure = new IllegalStateException("unexpected container");

    login("a", 1);
    login("b", 2);

    assertThat(map.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(rule.failures)
        .singleElement()
        .extracting(Throwable::getMessage)
        .isEqualTo("unexpected container");
    assertThat(rule.enabled).isFalse();
  }

  @Test
  void theContentsOfTheContainersMapAreKept() {
    Session existing = new Session("x", 0, 60);
    ServletSessionMap copy =
        new ServletSessionMap(rule, type -> adapter, clock, Map.of("x", existing));

    assertThat(copy).containsEntry("x", existing);
  }
}
