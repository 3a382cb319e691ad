package io.heapwarden.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.BoundedCollections;
import io.heapwarden.bootstrap.instances.InstanceHooks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MBean's content from real rules: bounded collections that evicted, counts of a singletons
 * rule, a companion rule, a failed rule; read directly, through the platform MBean server with open
 * types only, and printed.
 */
class AgentStatusTest {
  private Rule cache;
  private Rule model;
  private Rule never;
  private Rule values;
  private List<Rule> rules;
  private AgentStatus status;
  private StatusMBean mbean;
  // Held so that the live-collection counts see them (the registry holds them weakly).
  private Map<Integer, String> plain;
  private Map<Integer, String> concurrent;

  @BeforeEach
  void rules() {
    cache =
        new Rule(0, "com.example.Cache.entries", RuleKind.COLLECTION, limits(Limit.MAX_ENTRIES, 3));
    model = new Rule(1, "com.example.Model", RuleKind.SINGLETON, Rule.noLimits());
    long[] sessionLimits = limits(Limit.MAX_SESSIONS, 100);
    sessionLimits[Limit.IDLE_TIMEOUT.ordinal()] = Duration.ofMinutes(10).toNanos();
    sessionLimits[Limit.MAX_BYTES_PER_SESSION.ordinal()] = 1 << 20;
    never = new Rule(2, "com.example.Sessions.map", RuleKind.SESSION, sessionLimits);
    values =
        new Rule(
            3,
            "com.example.Cache.entries[values]",
            RuleKind.COLLECTION,
            limits(Limit.MAX_ENTRIES, 5));
    cache.linkValues(values);
    rules = List.of(cache, model, never, values);
    status = new AgentStatus("1.2.3", () -> "/etc/heapwarden.yaml", () -> rules, id -> id == 0);
    mbean = new StatusMBean(status);
  }

  @AfterEach
  void unregister() {
    mbean.apply(false);
  }

  private static long[] limits(Limit limit, long value) {
    long[] limits = Rule.noLimits();
    limits[limit.ordinal()] = value;
    return limits;
  }

  @SuppressWarnings("unchecked")
  private void evict() {
    plain = (Map<Integer, String>) BoundedCollections.boundOrKeep(new HashMap<>(), cache, true);
    concurrent =
        (Map<Integer, String>)
            BoundedCollections.boundOrKeep(new ConcurrentHashMap<>(), cache, true);
    for (int i = 0; i < 10; i++) {
      plain.put(i, "v" + i); // 7 evicted, 3 kept
    }
    for (int i = 0; i < 5; i++) {
      concurrent.put(i, "v" + i); // 2 evicted, 3 kept
    }
    model.count(Action.CREATED);
    model.count(Action.REUSED, 4);
  }

  @Test
  void eachRuleShowsItsKindTargetBoundSizeAndCounts() {
    evict();

    List<RuleStatus> shown = status.getRules();

    assertThat(shown).extracting(RuleStatus::getId).containsExactly(0, 1, 2, 3);
    RuleStatus cacheStatus = shown.get(0);
    assertThat(cacheStatus.getKind()).isEqualTo("COLLECTION");
    assertThat(cacheStatus.getTarget()).isEqualTo("com.example.Cache.entries");
    assertThat(cacheStatus.getBound()).isEqualTo(3);
    assertThat(cacheStatus.getLimits()).isEqualTo("max-entries 3");
    assertThat(cacheStatus.getSize()).isEqualTo(6);
    assertThat(cacheStatus.getCollections()).isEqualTo(2);
    assertThat(cacheStatus.getEvictions()).isEqualTo(9);
    assertThat(cacheStatus.getFailures()).isZero();
    assertThat(cacheStatus.isEnabled()).isTrue();
    assertThat(cacheStatus.isMatched()).isTrue();

    RuleStatus modelStatus = shown.get(1);
    assertThat(modelStatus.getKind()).isEqualTo("SINGLETON");
    assertThat(modelStatus.getBound()).isEqualTo(-1);
    assertThat(modelStatus.getSize()).isEqualTo(-1);
    assertThat(modelStatus.getCreated()).isEqualTo(1);
    assertThat(modelStatus.getReuses()).isEqualTo(4);
    assertThat(modelStatus.isMatched()).isFalse();

    RuleStatus sessions = shown.get(2);
    assertThat(sessions.getBound()).isEqualTo(100);
    assertThat(sessions.getLimits())
        .isEqualTo("max-sessions 100, idle-timeout 10m, max-bytes-per-session 1MB");
    assertThat(sessions.getSize()).isZero();
    assertThat(sessions.isMatched()).isFalse();

    assertThat(shown.get(3).isMatched()).as("a companion matched with its owner").isTrue();
    assertThat(status.isActive()).isTrue();
    assertThat(status.getVersion()).isEqualTo("1.2.3");
    assertThat(status.getConfigFile()).isEqualTo("/etc/heapwarden.yaml");
    assertThat(status.getPressureLevel()).isEqualTo("NORMAL");
  }

  @Test
  void aFailedRuleIsDisabledAndCountedAndAllFailedMeansInactive() {
    model.fail(new IllegalStateException("test failure"));

    RuleStatus modelStatus = status.getRules().get(1);
    assertThat(modelStatus.isEnabled()).isFalse();
    assertThat(modelStatus.getFailures()).isEqualTo(1);
    assertThat(status.isActive()).isTrue();

    cache.fail(new IllegalStateException("test failure"));
    never.fail(new IllegalStateException("test failure"));
    values.fail(new IllegalStateException("test failure"));
    assertThat(status.isActive()).isFalse();
  }

  @Test
  void theRegisteredMBeanHasOpenTypesOnly() throws Exception {
    evict();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName(StatusMBean.NAME);

    mbean.apply(true);
    mbean.apply(true); // twice: no second registration, no failure

    assertThat(server.isRegistered(name)).isTrue();
    assertThat(server.getMBeanInfo(name).getDescriptor().getFieldValue("mxbean")).isEqualTo("true");
    Object[] entries = (Object[]) server.getAttribute(name, "Rules");
    assertThat(entries).hasSize(4).allMatch(CompositeData.class::isInstance);
    CompositeData first = (CompositeData) entries[0];
    assertThat(first.get("evictions")).isEqualTo(9L);
    assertThat(first.get("target")).isEqualTo("com.example.Cache.entries");
    assertThat(server.getAttribute(name, "Active")).isEqualTo(true);

    mbean.apply(false);
    assertThat(server.isRegistered(name)).isFalse();
    assertThat(StatusReader.read(server, 42)).isNull();
  }

  @Test
  void statusPrintsATableAndJsonFromWhatTheMBeanServerReturns() throws Exception {
    evict();
    mbean.apply(true);

    StatusSnapshot snapshot = StatusReader.read(ManagementFactory.getPlatformMBeanServer(), 42);

    assertThat(snapshot).isNotNull();
    String table = printed(out -> StatusPrinter.table(snapshot, out));
    assertThat(table.lines().toList())
        .hasSize(6)
        .first()
        .isEqualTo(
            "Heapwarden 1.2.3 in JVM 42: active, pressure NORMAL, config /etc/heapwarden.yaml");
    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .matches(
            " +id +rule +kind +bound +size +collections +evicted +trimmed +created +reused"
                + " +failed +matched +enabled +limits");
    assertThat(table.lines().skip(2).findFirst().orElseThrow())
        .matches(
            " +0 +com\\.example\\.Cache\\.entries +COLLECTION +3 +6 +2 +9 +0 +0 +0 +0 +yes"
                + " +yes +max-entries 3");
    assertThat(table.lines().skip(3).findFirst().orElseThrow())
        .matches(" +1 +com\\.example\\.Model +SINGLETON +- +- +- +0 +0 +1 +4 +0 +no +yes");

    String json = printed(out -> StatusPrinter.json(snapshot, out));
    assertThat(json)
        .startsWith(
            "{\"pid\":42,\"version\":\"1.2.3\",\"active\":true,"
                + "\"configFile\":\"/etc/heapwarden.yaml\",\"pressureLevel\":\"NORMAL\",\"rules\":[")
        .contains(
            "{\"id\":0,\"kind\":\"COLLECTION\",\"target\":\"com.example.Cache.entries\","
                + "\"bound\":3,\"limits\":\"max-entries 3\",\"size\":6,\"collections\":2,"
                + "\"evictions\":9,\"trims\":0,\"created\":0,\"reuses\":0,\"failures\":0,"
                + "\"enabled\":true,\"matched\":true}")
        .endsWith("]}\n");
  }

  @Test
  void anInstancesRuleShowsItsLiveInstancesAsItsSize() {
    Rule counted =
        new Rule(0, "com.example.Connection", RuleKind.INSTANCE, limits(Limit.MAX_LIVE, 5));
    RuleTable.install(List.of(counted));
    try {
      List<Object> live = List.of(new Object(), new Object(), new Object());
      for (Object instance : live) {
        InstanceHooks.constructed(instance, 0);
      }
      AgentStatus instances = new AgentStatus("1", () -> "x", () -> List.of(counted), id -> true);

      RuleStatus shown = instances.getRules().get(0);

      assertThat(shown.getKind()).isEqualTo("INSTANCE");
      assertThat(shown.getSize()).isEqualTo(3);
      assertThat(shown.getBound()).isEqualTo(-1);
      assertThat(shown.getLimits()).isEqualTo("max-live 5");
      assertThat(shown.getCollections()).isEqualTo(-1);
      Reference.reachabilityFence(live);
    } finally {
      RuleTable.install(List.of());
    }
  }

  @Test
  void limitsAreNamedAsConfigKeysWithTheirUnits() {
    long[] limits = limits(Limit.MAX_BYTES, 3L << 20);
    limits[Limit.VALUES_MAX_ENTRIES.ordinal()] = 20;
    limits[Limit.MAX_LIVE.ordinal()] = 7;

    assertThat(RuleStatus.limits(limits))
        .isEqualTo("max-bytes 3MB, values.max-entries 20, max-live 7");
    assertThat(RuleStatus.limits(Rule.noLimits())).isEmpty();
  }

  @Test
  void jsonStringsAreEscaped() {
    assertThat(StatusPrinter.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
  }

  private static String printed(java.util.function.Consumer<PrintStream> print) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      print.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
