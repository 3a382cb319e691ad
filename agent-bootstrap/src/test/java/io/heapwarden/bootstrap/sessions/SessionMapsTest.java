package io.heapwarden.bootstrap.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.Bounded;
import io.heapwarden.bootstrap.collections.LiveCollections;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import io.heapwarden.bootstrap.sessions.SessionTestRules.ManualClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both session maps: LRU order, idle expiry by the clock, windows, on-evict close, live limits. */
class SessionMapsTest {
  /** The two maps; a concurrent one is swept in the background, a linked one on access. */
  enum Kind {
    CONCURRENT,
    LINKED;

    <V> Map<String, V> create(Rule rule, ManualClock clock) {
      Object original = this == CONCURRENT ? new ConcurrentHashMap<>() : new HashMap<>();
      @SuppressWarnings("unchecked") // copyOf returns a map of what it was given
      Map<String, V> map = (Map<String, V>) SessionMaps.copyOf(original, rule, clock);
      return map;
    }

    /** What expires idle sessions: the sweeper's call, or the service's next access. */
    void expire(Map<String, ?> map) {
      if (map instanceof ConcurrentSessionMap) {
        ((ConcurrentSessionMap<?, ?>) map).expireIdle();
      } else {
        map.size();
      }
    }
  }

  private final ManualClock clock = new ManualClock();

  @AfterEach
  void endEmergency() {
    MemoryPressure.endEmergency();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void evictsTheLeastRecentlyUsedSessionBeyondMaxSessions(Kind kind) {
    Rule rule = SessionTestRules.rule(3, -1, -1);
    Map<String, String> map = kind.create(rule, clock);
    map.put("a", "1");
    map.put("b", "2");
    map.put("c", "3");
    assertThat(map.get("a")).isEqualTo("1"); // a is now the most recently used
    map.computeIfAbsent("b", k -> "unused"); // so is b: present, so used

    map.put("d", "4");
    assertThat(keys(map)).containsOnly("a", "b", "d");

    map.merge("e", "5", String::concat);
    assertThat(keys(map)).containsOnly("b", "d", "e");
    assertThat(SessionStats.total(rule, EvictionReason.CAPACITY)).isEqualTo(2);
    assertThat(rule.total(Action.EVICTED)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void containsKeyAndIterationAreNotUse(Kind kind) {
    Rule rule = SessionTestRules.rule(2, -1, -1);
    Map<String, String> map = kind.create(rule, clock);
    map.put("a", "1");
    map.put("b", "2");
    assertThat(map.containsKey("a")).isTrue();
    assertThat(map.keySet()).contains("a");

    map.put("c", "3");
    assertThat(keys(map)).containsOnly("b", "c");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void expiresSessionsIdleBeyondTheTimeout(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, 10, -1);
    Map<String, String> map = kind.create(rule, clock);
    map.put("a", "1");
    map.put("b", "2");
    clock.advanceSeconds(6);
    map.get("a");
    clock.advanceSeconds(6); // b idle 12s, a 6s

    kind.expire(map);
    assertThat(keys(map)).containsOnly("a");

    clock.advanceSeconds(10);
    kind.expire(map);
    assertThat(map).isEmpty();
    assertThat(SessionStats.total(rule, EvictionReason.IDLE)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anIdleSessionIsNeverHandedOutAndStartsAfresh(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, 10, -1);
    Map<String, List<String>> map = kind.create(rule, clock);
    map.computeIfAbsent("a", k -> new ArrayList<>()).add("hello");
    clock.advanceSeconds(11);

    assertThat(map.get("a")).isNull();
    assertThat(map.computeIfAbsent("a", k -> new ArrayList<>())).isEmpty();
    assertThat(SessionStats.total(rule, EvictionReason.IDLE)).isEqualTo(1);
  }

  @Test
  void theSweeperExpiresConcurrentMapsWithoutAnyAccess() {
    Rule rule = SessionTestRules.rule(-1, 10, -1);
    Map<String, String> map = Kind.CONCURRENT.create(rule, clock);
    map.put("a", "1");
    SessionSweeper.register((ConcurrentSessionMap<?, ?>) map);
    clock.advanceSeconds(11);

    SessionSweeper.sweepOnce();

    assertThat(((ConcurrentHashMap<?, ?>) map).mappingCount()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void windowsListDequeAndMapValuesWhenStoredOrCreated(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 3);
    Map<String, Object> map = kind.create(rule, clock);

    List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4, 5));
    map.put("list", list);
    assertThat(list).containsExactly(3, 4, 5); // in place: the caller's own list

    ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2, 3, 4));
    map.putIfAbsent("deque", deque);
    assertThat(deque).containsExactly(2, 3, 4);

    Map<String, Integer> inner = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      inner.put("k" + i, i);
    }
    map.computeIfAbsent("map", k -> inner);
    assertThat(inner).containsOnlyKeys("k3", "k4", "k5");

    List<Integer> merged = new ArrayList<>(List.of(1, 2));
    map.merge(
        "list",
        merged,
        (old, given) -> {
          @SuppressWarnings("unchecked")
          List<Integer> both = new ArrayList<>((List<Integer>) old);
          @SuppressWarnings("unchecked")
          List<Integer> more = (List<Integer>) given;
          both.addAll(more);
          return both;
        });
    assertThat(map.get("list")).isEqualTo(List.of(5, 1, 2));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void maxBytesPerSessionNarrowsTheWindowToTheEstimatedBudgetOnWrites(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 50);
    SessionTestRules.set(rule, Limit.MAX_BYTES_PER_SESSION, 10_000);
    Map<String, List<byte[]>> map = kind.create(rule, clock);

    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      blobs.add(new byte[1000]); // about 1 KB each: 40 KB against a 10 KB budget
    }
    byte[] newest = blobs.get(39);
    map.put("s", blobs);
    assertThat(blobs).hasSizeBetween(8, 10).last().isSameAs(newest); // oldest dropped first

    List<byte[]> small = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      small.add(new byte[8]);
    }
    map.put("t", small);
    assertThat(small).hasSize(40); // within the budget: only the window of 50 applies

    SessionTestRules.set(rule, Limit.MAX_BYTES_PER_SESSION, 2_000); // a live change
    List<byte[]> more = new ArrayList<>(List.of(new byte[1000], new byte[1000], new byte[1000]));
    byte[] last = more.get(2);
    map.put("u", more);
    assertThat(more).containsExactly(last); // never below the newest entry

    SessionTestRules.set(rule, Limit.MAX_BYTES_PER_SESSION, Limit.UNSET);
    List<byte[]> unbudgeted = new ArrayList<>(blobs);
    unbudgeted.addAll(blobs);
    map.put("v", unbudgeted);
    assertThat(unbudgeted).hasSize(Math.min(50, 2 * blobs.size()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aListTheServiceAppendsToDirectlyIsWindowedAtTheNextAccess(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 2);
    Map<String, List<Integer>> map = kind.create(rule, clock);
    List<Integer> kept =
        map.computeIfAbsent("s", k -> Collections.synchronizedList(new ArrayList<>()));
    kept.add(1);
    kept.add(2);
    kept.add(3);
    kept.add(4);
    assertThat(kept).hasSize(4); // the agent never touches it behind the service's back

    assertThat(map.get("s")).isSameAs(kept).containsExactly(3, 4);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aQueueTheMapCreatesIsBoundedOnEveryInsertionByTheWindowRule(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 3);
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 3;
    Rule window = new Rule(rule.id() + 1, rule.name() + "[window]", RuleKind.COLLECTION, limits);
    rule.linkValues(window);
    Map<String, Queue<Integer>> map = kind.create(rule, clock);

    Queue<Integer> queue = map.computeIfAbsent("client", k -> new LinkedBlockingQueue<>());
    for (int i = 1; i <= 10; i++) {
      queue.offer(i); // a producer that never accesses the session
    }

    assertThat(queue).isInstanceOf(Bounded.class).isInstanceOf(LinkedBlockingQueue.class);
    assertThat(queue).containsExactly(8, 9, 10);
    assertThat(map.get("client")).isSameAs(queue);
    assertThat(window.total(Action.EVICTED)).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aGetFromInsideARemappingOfTheSameSessionNeitherThrowsNorDisablesTheRule(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 2);
    Map<String, List<Integer>> map = kind.create(rule, clock);
    List<Integer> kept = map.computeIfAbsent("s", k -> new ArrayList<>());
    kept.addAll(List.of(1, 2, 3, 4));

    map.computeIfPresent(
        "s",
        (k, v) -> {
          assertThat(map.get("s")).isSameAs(v);
          return v;
        });

    assertThat(rule.enabled()).isTrue();
    assertThat(map.get("s")).containsExactly(3, 4);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWindowKeepsWhatTheAdapterPins(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, 3);
    SessionRules.install(rule.id(), "langchain4j", false);
    kind.create(rule, clock);
    SessionAdapter adapter = new SystemMessageAdapter(SystemMessage.class.getName());
    List<Object> chat = new ArrayList<>(List.of(new SystemMessage(), "u1", "a1", "u2", "a2"));

    assertThat(adapter.window(chat, 3)).isEqualTo(2);
    assertThat(chat).hasSize(3).startsWith(chat.get(0)).endsWith("u2", "a2");
    assertThat(chat.get(0)).isInstanceOf(SystemMessage.class);

    List<Object> longChat = new ArrayList<>();
    longChat.add(new SystemMessage());
    for (int i = 0; i < 100; i++) {
      longChat.add("m" + i);
    }
    assertThat(adapter.window(longChat, 3)).isEqualTo(98); // the rebuilding path
    assertThat(longChat).hasSize(3).endsWith("m98", "m99");
    assertThat(longChat.get(0)).isInstanceOf(SystemMessage.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onEvictCloseClosesEvictedValuesAndSurvivesAFailingClose(Kind kind) {
    Rule rule = SessionTestRules.rule(1, 10, -1);
    SessionRules.install(rule.id(), SessionAdapters.DEFAULT, true);
    Map<String, AutoCloseable> map = kind.create(rule, clock);
    AtomicInteger closed = new AtomicInteger();
    map.put(
        "a",
        () -> {
          throw new IllegalStateException("already closed");
        });
    map.put("b", closed::incrementAndGet); // evicts a, whose close throws
    clock.advanceSeconds(11);
    kind.expire(map); // expires b

    assertThat(closed).hasValue(1);
    assertThat(rule.enabled()).isTrue();
    assertThat(map).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void withoutOnEvictCloseNothingIsClosed(Kind kind) {
    Rule rule = SessionTestRules.rule(1, -1, -1);
    Map<String, AutoCloseable> map = kind.create(rule, clock);
    AtomicInteger closed = new AtomicInteger();
    map.put("a", closed::incrementAndGet);
    map.put("b", closed::incrementAndGet);
    assertThat(closed).hasValue(0);
    assertThat(keys(map)).containsOnly("b");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void limitsChangeLive(Kind kind) {
    Rule rule = SessionTestRules.rule(4, -1, 10);
    Map<String, List<Integer>> map = kind.create(rule, clock);
    for (int i = 0; i < 4; i++) {
      map.put("s" + i, new ArrayList<>(List.of(1, 2, 3, 4, 5)));
    }

    SessionTestRules.set(rule, Limit.MAX_SESSIONS, 2);
    SessionTestRules.set(rule, Limit.WINDOW, 2);
    map.put("s4", new ArrayList<>(List.of(1, 2, 3)));
    assertThat(keys(map)).containsOnly("s3", "s4");
    assertThat(map.get("s4")).containsExactly(2, 3);
    assertThat(map.get("s3")).containsExactly(4, 5); // windowed at its next access

    SessionTestRules.set(rule, Limit.MAX_SESSIONS, 5);
    for (int i = 5; i < 10; i++) {
      map.put("s" + i, new ArrayList<>());
    }
    assertThat(map).hasSize(5);

    SessionTestRules.set(rule, Limit.IDLE_TIMEOUT, TimeUnit.SECONDS.toNanos(1));
    clock.advanceSeconds(2);
    kind.expire(map);
    assertThat(map).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEmergencyScalesTheCapAndShortensTheIdleTimeoutAsPressureEvictions(Kind kind) {
    Rule rule = SessionTestRules.rule(10, 600, -1);
    Map<String, String> map = kind.create(rule, clock);
    for (int i = 0; i < 8; i++) {
      map.put("s" + i, "v");
    }
    MemoryPressure.enterEmergency(50, TimeUnit.SECONDS.toNanos(30));

    map.put("s8", "v"); // 9 sessions > 5, the cap at 50%
    assertThat(map).hasSize(5);
    assertThat(SessionStats.total(rule, EvictionReason.PRESSURE)).isEqualTo(4);
    assertThat(SessionStats.total(rule, EvictionReason.CAPACITY)).isZero();

    clock.advanceSeconds(31);
    kind.expire(map);
    assertThat(map).isEmpty();
    assertThat(SessionStats.total(rule, EvictionReason.PRESSURE)).isEqualTo(9);
    assertThat(SessionStats.total(rule, EvictionReason.IDLE)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void trimToDropsLeastRecentlyUsedSessionsAsTrims(Kind kind) {
    Rule rule = SessionTestRules.rule(-1, -1, -1);
    Map<String, String> map = kind.create(rule, clock);
    map.put("a", "1");
    map.put("b", "2");
    map.put("c", "3");
    map.get("a");

    assertThat(((Bounded) map).trimTo(1)).isEqualTo(2);
    assertThat(keys(map)).containsOnly("a");
    assertThat(rule.total(Action.TRIMMED)).isEqualTo(2);
    assertThat(SessionStats.total(rule, EvictionReason.PRESSURE)).isEqualTo(2);
  }

  @Test
  void replacesConcurrentHashMapsHashMapsAndLinkedHashMapsKeepingTheirSessions() {
    Rule rule = SessionTestRules.rule(2, -1, -1);
    ConcurrentHashMap<String, String> concurrent = new ConcurrentHashMap<>(Map.of("a", "1"));
    HashMap<String, String> hash = new HashMap<>(Map.of("a", "1", "b", "2", "c", "3"));

    assertThat(SessionMaps.boundOrKeep(concurrent, rule, clock))
        .isInstanceOf(ConcurrentSessionMap.class)
        .isEqualTo(Map.of("a", "1"));
    Object bounded = SessionMaps.boundOrKeep(hash, rule, clock);
    assertThat(bounded).isInstanceOf(LinkedSessionMap.class).isInstanceOf(HashMap.class);
    assertThat((Map<?, ?>) bounded).hasSize(2);
    assertThat(SessionMaps.boundOrKeep(new LinkedHashMap<>(), rule, clock))
        .isInstanceOf(LinkedSessionMap.class);
    assertThat(LiveCollections.count(rule)).isEqualTo(3);

    TreeMap<String, String> tree = new TreeMap<>();
    assertThat(SessionMaps.boundOrKeep(tree, rule, clock)).isSameAs(tree);
    assertThat(SessionHooks.onFieldWrite(null, rule.id(), true)).isNull();
  }

  @Test
  void evictionsAreTalliedPerIntervalWithAgesAndIdleTimes() {
    Rule rule = SessionTestRules.rule(1, -1, -1);
    Map<String, List<Integer>> map = Kind.CONCURRENT.create(rule, clock);
    SessionStats.drainSummaries();
    SessionStats.drainSamples();
    map.put("a", new ArrayList<>(List.of(1, 2)));
    clock.advanceSeconds(5);
    map.put("b", new ArrayList<>()); // a: 5s old, 5s idle
    clock.advanceSeconds(1);
    map.put("c", new ArrayList<>()); // b: 1s old

    List<SessionStats.Summary> summaries = SessionStats.drainSummaries();
    assertThat(summaries).hasSize(1);
    SessionStats.Summary summary = summaries.get(0);
    assertThat(summary.rule()).isSameAs(rule);
    assertThat(summary.reason()).isEqualTo(EvictionReason.CAPACITY);
    assertThat(summary.count()).isEqualTo(2);
    assertThat(summary.maxAgeNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    assertThat(summary.avgAgeNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(3));
    assertThat(summary.maxIdleNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    assertThat(summary.estimatedBytes()).isPositive();
    assertThat(SessionStats.drainSummaries()).isEmpty();
    assertThat(SessionStats.drainSamples()).hasSize(2);
  }

  @Test
  void individualSamplesStopAtTheRateWhileTalliesCountEverything() {
    Rule rule = SessionTestRules.rule(1, -1, -1);
    Map<String, String> map = Kind.CONCURRENT.create(rule, clock);
    SessionStats.drainSamples();
    for (int i = 0; i < 500; i++) {
      map.put("s" + i, "v");
    }
    assertThat(SessionStats.drainSamples()).hasSize(SessionStats.SAMPLES_PER_DRAIN);
    assertThat(SessionStats.total(rule, EvictionReason.CAPACITY)).isEqualTo(499);
  }

  /** The keys, read without using any session (AssertJ's map assertions call get). */
  private static Set<String> keys(Map<String, ?> map) {
    return new HashSet<>(map.keySet());
  }

  /** Stands in for a chat library's system message. */
  static final class SystemMessage {}
}
