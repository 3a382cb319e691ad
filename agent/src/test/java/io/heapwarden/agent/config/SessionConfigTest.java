package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.RulePlan;
import io.heapwarden.agent.sessions.SessionPreset;
import io.heapwarden.agent.sessions.SessionPresets;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.sessions.SessionAdapters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessions:} entries: what valid ones become, and the exact line each mistake gives. */
class SessionConfigTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void aFieldRuleKeepsWhatItSetsAndLeavesTheRestUnset() {
    AgentConfig config =
        files.valid(
            yaml(
                "sessions:",
                "  - field: com.example.chat.ConversationStore.histories",
                "    max-sessions: 10000",
                "    idle-timeout: 10m",
                "    on-evict: close"));

    SessionRule rule = config.rules(SessionRule.class).get(0);
    assertThat(rule.field())
        .isEqualTo(new FieldRef("com.example.chat.ConversationStore", "histories"));
    assertThat(rule.preset()).isNull();
    assertThat(rule.adapter()).isEqualTo(SessionAdapters.DEFAULT);
    assertThat(rule.maxSessions()).isEqualTo(10000);
    assertThat(rule.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.window()).isEqualTo(Limit.UNSET);
    assertThat(rule.onEvict()).isEqualTo(OnEvict.CLOSE);
    assertThat(RulePlan.of(config).specs()).containsExactly(rule);
  }

  @Test
  void aPresetEntryTakesThePresetsDefaultsWhereItSetsNothingAndExpandsToItsFields() {
    AgentConfig config =
        files.valid(
            yaml(
                "collections:",
                "  - field: a.B.c",
                "    max-entries: 5",
                "sessions:",
                "  - preset: langchain4j",
                "    max-sessions: 50",
                "    window: 4"));

    SessionPreset preset = SessionPresets.find("langchain4j");
    SessionRule written = config.rules(SessionRule.class).get(0);
    assertThat(written.isPresetEntry()).isTrue();
    assertThat(written.maxSessions()).isEqualTo(50);
    assertThat(written.window()).isEqualTo(4);
    assertThat(written.idleTimeout()).isEqualTo(preset.defaults().idleTimeout());
    assertThat(written.onEvict()).isEqualTo(preset.defaults().onEvict());

    List<RuleSpec> rules = RulePlan.of(config).specs();
    assertThat(rules).hasSize(1 + preset.targets().size());
    assertThat(rules.get(0)).isInstanceOf(CollectionRule.class); // sessions never move others' ids
    for (int i = 0; i < preset.targets().size(); i++) {
      SessionRule expanded = (SessionRule) rules.get(1 + i);
      assertThat(expanded.field()).isEqualTo(preset.targets().get(i).field());
      assertThat(expanded.adapter()).isEqualTo(preset.targets().get(i).adapter());
      assertThat(expanded.preset()).isEqualTo("langchain4j");
      assertThat(expanded.maxSessions()).isEqualTo(50);
      assertThat(expanded.name()).isEqualTo(expanded.field().toString());
      assertThat(expanded.target()).endsWith("(preset langchain4j)");
    }
  }

  @Test
  void everyPresetNamesAnAdapterTheBootSideHas() {
    for (String name : SessionPresets.names()) {
      for (SessionPreset.Target target : SessionPresets.find(name).targets()) {
        assertThat(SessionAdapters.exists(target.adapter())).as(name).isTrue();
      }
    }
  }

  @Test
  void unknownPresetWithDidYouMean() {
    assertThat(files.problems(yaml("sessions:", "  - preset: langchian4j")))
        .containsExactly(
            "heapwarden.yaml:2:13: sessions[0].preset: unknown preset 'langchian4j' (hint: did you"
                + " mean 'langchain4j'?)");
  }

  @Test
  void unknownPresetWithNothingClose() {
    assertThat(files.problems(yaml("sessions:", "  - preset: hibernate")))
        .containsExactly(
            "heapwarden.yaml:2:13: sessions[0].preset: unknown preset 'hibernate' (hint: the"
                + " presets are "
                + String.join(", ", SessionPresets.names())
                + ")");
  }

  @Test
  void bothFieldAndPreset() {
    assertThat(
            files.problems(
                yaml("sessions:", "  - field: a.B.c", "    preset: spring-ai", "    window: 3")))
        .containsExactly(
            "heapwarden.yaml:3:5: sessions[0]: has both 'field' and 'preset'; set exactly one"
                + " (hint: field: bounds one map of yours, preset: the maps of a library)");
  }

  @Test
  void neitherFieldNorPreset() {
    assertThat(files.problems(yaml("sessions:", "  - max-sessions: 5")))
        .containsExactly(
            "heapwarden.yaml:2:5: sessions[0]: needs 'field' or 'preset' (hint: e.g. field:"
                + " com.example.chat.ConversationStore.histories, or preset: "
                + String.join(" | ", SessionPresets.names())
                + ")");
  }

  @Test
  void aFieldRuleWithoutALimit() {
    assertThat(files.problems(yaml("sessions:", "  - field: a.B.c", "    on-evict: close")))
        .containsExactly(
            "heapwarden.yaml:2:5: sessions[0]: sets no limit (hint: add max-sessions,"
                + " idle-timeout, window or max-bytes-per-session)");
  }

  @Test
  void zeroWindow() {
    assertThat(files.problems(yaml("sessions:", "  - preset: spring-ai", "    window: 0")))
        .containsExactly(
            "heapwarden.yaml:3:13: sessions[0].window: must be a positive whole number, got 0"
                + " (hint: remove the key to leave the limit unset)");
  }

  @Test
  void idleTimeoutWithoutAUnit() {
    assertThat(files.problems(yaml("sessions:", "  - field: a.B.c", "    idle-timeout: 600")))
        .hasSize(1)
        .allMatch(line -> line.startsWith("heapwarden.yaml:3:19: sessions[0].idle-timeout: "));
  }

  @Test
  void unknownOnEvictWithDidYouMean() {
    assertThat(
            files.problems(
                yaml("sessions:", "  - field: a.B.c", "    window: 3", "    on-evict: closed")))
        .containsExactly(
            "heapwarden.yaml:4:15: sessions[0].on-evict: must be one of close, none, got 'closed'"
                + " (hint: did you mean 'close'?)");
  }

  @Test
  void unknownKeyInASessionRule() {
    assertThat(
            files.problems(
                yaml("sessions:", "  - field: a.B.c", "    window: 3", "    max-session: 5")))
        .containsExactly(
            "heapwarden.yaml:4:5: sessions[0].max-session: unknown key (hint: did you mean"
                + " 'max-sessions'?)");
  }
}
