package io.heapwarden.agent.telemetry.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.telemetry.AgentCounters;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.sessions.SessionMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exposition's shape, line by line (the integration test parses a real agent's with promtool),
 * and its names against the meter table of docs/telemetry.md, so that a dashboard written for
 * Micrometer's Prometheus registry works on it.
 */
class PrometheusTextTest {
  private static final Pattern HELP = Pattern.compile("# HELP (heapwarden_[a-z_]+) \\S.*");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (heapwarden_[a-z_]+) (counter|gauge)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "(heapwarden_[a-z_]+)(\\{rule=\"((?:[^\"\\\\]|\\\\.)*)\"(,reason=\"[a-z]+\")?\\})? (-?\\d+)");
  private static final Pattern DOC_NAME = Pattern.compile("\\| `(heapwarden_[a-z_]+)` \\|$");

  private final Rule cache =
      new Rule(0, "com.example.Cache.entries", RuleKind.COLLECTION, limits(Limit.MAX_ENTRIES, 5));
  private final Rule pool = new Rule(1, "com.example.Pool", RuleKind.SINGLETON, Rule.noLimits());
  private final Rule conn = new Rule(2, "com.example.Conn", RuleKind.INSTANCE, Rule.noLimits());
  private final Rule chats =
      new Rule(3, "com.example.Chat.histories", RuleKind.SESSION, limits(Limit.MAX_SESSIONS, 3));
  private final Rule odd =
      new Rule(4, "weird\"name\\with\nbreaks", RuleKind.COLLECTION, Rule.noLimits());

  private static long[] limits(Limit limit, long value) {
    long[] limits = Rule.noLimits();
    limits[limit.ordinal()] = value;
    return limits;
  }

  private String scrape() {
    return new PrometheusText(() -> List.of(cache, pool, conn, chats, odd), new AgentCounters())
        .scrape();
  }

  @Test
  void everyLineIsAHelpATypeOrASampleOfTheFamilyJustTyped() {
    String text = scrape();

    assertThat(text).endsWith("\n");
    Map<String, String> types = new LinkedHashMap<>();
    String family = null;
    String helped = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher help = HELP.matcher(line);
      Matcher type = TYPE.matcher(line);
      Matcher sample = SAMPLE.matcher(line);
      if (help.matches()) {
        helped = help.group(1);
        assertThat(types).as("one family per name").doesNotContainKey(helped);
      } else if (type.matches()) {
        assertThat(type.group(1)).as("TYPE follows its HELP").isEqualTo(helped);
        family = type.group(1);
        types.put(family, type.group(2));
      } else {
        assertThat(sample.matches()).as(line).isTrue();
        assertThat(sample.group(1)).as("a sample of the family just typed").isEqualTo(family);
      }
    }
    types.forEach(
        (name, type) ->
            assertThat(name.endsWith("_total")).as(name).isEqualTo(type.equals("counter")));
  }

  @Test
  void labelsNameTheRuleAndTheReasonOnly() {
    String text = scrape();

    assertThat(text)
        .contains("heapwarden_collection_evictions_total{rule=\"com.example.Cache.entries\"} 0\n")
        .contains("heapwarden_singleton_reused_instances_total{rule=\"com.example.Pool\"} 0\n")
        .contains(
            "heapwarden_session_evictions_total{rule=\"com.example.Chat.histories\",reason=\"capacity\"}")
        .contains("heapwarden_rule_failures_total{rule=\"com.example.Conn\"} 0\n")
        .contains("{rule=\"weird\\\"name\\\\with\\nbreaks\"}")
        .doesNotContain("key=");
  }

  @Test
  void valuesAreTheRulesCountsNow() {
    cache.count(Action.EVICTED, 40);
    pool.count(Action.REUSED, 3);
    @SuppressWarnings("unchecked")
    Map<String, String> sessions =
        (Map<String, String>) SessionMaps.boundOrKeep(new ConcurrentHashMap<>(), chats);
    for (int i = 0; i < 10; i++) {
      sessions.put("s" + i, "v");
    }

    String text = scrape();

    assertThat(text)
        .contains("heapwarden_collection_evictions_total{rule=\"com.example.Cache.entries\"} 40\n")
        .contains("heapwarden_singleton_reused_instances_total{rule=\"com.example.Pool\"} 3\n")
        .contains(
            "heapwarden_session_evictions_total{rule=\"com.example.Chat.histories\",reason=\"capacity\"} 7\n")
        .contains("heapwarden_session_active_sessions{rule=\"com.example.Chat.histories\"} 3\n")
        .contains("heapwarden_agent_rules 5\n");
  }

  @Test
  void theNamesAreThoseOfTheMeterTableInTheDocumentation() throws Exception {
    Set<String> documented = new LinkedHashSet<>();
    for (String line : Files.readAllLines(Path.of("../docs/telemetry.md"))) {
      Matcher name = DOC_NAME.matcher(line);
      if (name.find()) {
        documented.add(name.group(1));
      }
    }
    List<String> served = new ArrayList<>();
    for (String line : scrape().split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        served.add(type.group(1));
      }
    }

    assertThat(documented).hasSizeGreaterThan(20);
    assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
  }
}
