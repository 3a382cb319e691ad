package io.heapwarden.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.OnEvict;
import io.heapwarden.agent.config.ReloadSettings;
import io.heapwarden.agent.config.SessionRule;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.LoggingSettings;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.sessions.SessionMaps;
import io.heapwarden.bootstrap.sessions.SessionRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session rules installed, and their limits changed on a live session map by a reload. */
class SessionRulesReloadTest {
  @AfterEach
  void clear() {
    RuleTable.install(List.of());
  }

  private static AgentConfig config(SessionRule... sessions) {
    return new AgentConfig(
        "h.yaml",
        false,
        LoggingSettings.DEFAULTS,
        TelemetrySettings.DEFAULTS,
        ReloadSettings.DEFAULTS,
        List.of(sessions));
  }

  private static SessionRule histories(long maxSessions, long window, OnEvict onEvict) {
    return new SessionRule(
        new FieldRef("com.example.Chat", "histories"),
        null,
        SessionRule.DEFAULT_ADAPTER,
        maxSessions,
        Duration.ofMinutes(10),
        window,
        Limit.UNSET,
        onEvict,
        new SourcePosition("h.yaml", 3, 5));
  }

  private static SessionRule preset(String name, long maxSessions) {
    return new SessionRule(
        null,
        name,
        null,
        maxSessions,
        Duration.ofMinutes(30),
        100,
        Limit.UNSET,
        OnEvict.NONE,
        new SourcePosition("h.yaml", 9, 5));
  }

  @Test
  void installsSessionRulesWithTheirLimitsAdapterAndOnEvict() {
    RuleInstaller installer =
        RuleInstaller.install(config(histories(100, 10, OnEvict.CLOSE), preset("spring-ai", 5000)));

    Rule histories = RuleTable.get(0);
    assertThat(histories.kind()).isEqualTo(RuleKind.SESSION);
    assertThat(histories.limit(Limit.MAX_SESSIONS)).isEqualTo(100);
    assertThat(histories.limit(Limit.IDLE_TIMEOUT)).isEqualTo(Duration.ofMinutes(10).toNanos());
    assertThat(histories.limit(Limit.WINDOW)).isEqualTo(10);
    assertThat(SessionRules.policy(histories).closeOnEvict()).isTrue();
    Rule springAi = RuleTable.get(1);
    assertThat(springAi.name())
        .isEqualTo(
            "org.springframework.ai.chat.memory.InMemoryChatMemoryRepository.chatMemoryStore");
    assertThat(SessionRules.policy(springAi).closeOnEvict()).isFalse();
    assertThat(installer.targets().needles())
        .contains(
            "com/example/Chat",
            "histories",
            "org/springframework/ai/chat/memory/InMemoryChatMemoryRepository",
            "chatMemoryStore");
    assertThat(installer.rewriters((target, type, reason) -> {})).hasSize(1);
  }

  @Test
  void aReloadChangesTheLimitsOfALiveSessionMap() {
    RuleInstaller installer = RuleInstaller.install(config(histories(4, 10, OnEvict.NONE)));
    @SuppressWarnings("unchecked")
    Map<String, List<Integer>> map =
        (Map<String, List<Integer>>)
            SessionMaps.boundOrKeep(new ConcurrentHashMap<>(), RuleTable.get(0));
    for (int i = 0; i < 4; i++) {
      map.put("s" + i, new ArrayList<>(List.of(1, 2, 3, 4, 5)));
    }

    RuleInstaller.ReloadOutcome outcome = installer.reload(config(histories(2, 3, OnEvict.NONE)));
    map.put("s4", new ArrayList<>(List.of(1, 2, 3, 4, 5)));

    assertThat(outcome.applied())
        .containsExactly("com.example.Chat.histories max-sessions 4 -> 2 window 10 -> 3");
    assertThat(outcome.needRestart()).isEmpty();
    assertThat(map.keySet()).containsExactlyInAnyOrder("s3", "s4");
    assertThat(map.get("s4")).containsExactly(3, 4, 5);
  }

  @Test
  void onEvictAndPresetChangesNeedARestart() {
    RuleInstaller installer = RuleInstaller.install(config(histories(4, 10, OnEvict.NONE)));

    RuleInstaller.ReloadOutcome outcome = installer.reload(config(histories(4, 10, OnEvict.CLOSE)));

    assertThat(outcome.applied()).isEmpty();
    assertThat(outcome.needRestart()).hasSize(1);
  }
}
