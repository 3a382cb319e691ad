package io.heapwarden.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.ReloadSettings;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.LoggingSettings;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleInstallerTest {

  @AfterEach
  void clear() {
    RuleTable.install(List.of());
  }

  private static CollectionRule cache(String field, long maxEntries, Eviction eviction, int line) {
    return new CollectionRule(
        new FieldRef("com.example.Cache", field),
        maxEntries,
        Limit.UNSET,
        eviction,
        Limit.UNSET,
        new SourcePosition("h.yaml", line, 5));
  }

  private static AgentConfig config(
      List<CollectionRule> collections, List<InstanceRule> instances) {
    return new AgentConfig(
        "h.yaml",
        false,
        LoggingSettings.DEFAULTS,
        TelemetrySettings.DEFAULTS,
        ReloadSettings.DEFAULTS,
        rules(collections, instances));
  }

  private static List<RuleSpec> rules(
      List<CollectionRule> collections, List<InstanceRule> instances) {
    List<RuleSpec> rules = new ArrayList<>(collections);
    rules.addAll(instances);
    return rules;
  }

  @Test
  void installsRulesInFileOrderWithTheirLimits() {
    RuleInstaller installer =
        RuleInstaller.install(
            config(
                List.of(cache("entries", 500, Eviction.LRU, 3)),
                List.of(new InstanceRule("com.example.Db", 5, SourcePosition.of("x")))));

    assertThat(RuleTable.all()).hasSize(2);
    assertThat(RuleTable.get(0).kind()).isEqualTo(RuleKind.COLLECTION);
    assertThat(RuleTable.get(0).limit(Limit.MAX_ENTRIES)).isEqualTo(500);
    assertThat(RuleTable.get(1).kind()).isEqualTo(RuleKind.INSTANCE);
    assertThat(RuleTable.get(1).limit(Limit.MAX_LIVE)).isEqualTo(5);
    assertThat(installer.targets().needles())
        .contains("com/example/Cache", "entries", "com/example/Db");
  }

  @Test
  void limitChangesApplyLiveWhenTheSameRulesComeFromAnotherFile() {
    RuleInstaller installer =
        RuleInstaller.install(config(List.of(cache("entries", 500, Eviction.LRU, 3)), List.of()));
    CollectionRule moved =
        new CollectionRule(
            new FieldRef("com.example.Cache", "entries"),
            10,
            Limit.UNSET,
            Eviction.LRU,
            Limit.UNSET,
            new SourcePosition("/etc/second-attach.yaml", 7, 5));

    RuleInstaller.ReloadOutcome outcome = installer.reload(config(List.of(moved), List.of()));

    assertThat(outcome.needRestart()).isEmpty();
    assertThat(RuleTable.get(0).limit(Limit.MAX_ENTRIES)).isEqualTo(10);
  }

  @Test
  void limitChangesApplyLiveEvenWhenTheRuleMovedInTheFile() {
    RuleInstaller installer =
        RuleInstaller.install(config(List.of(cache("entries", 500, Eviction.LRU, 3)), List.of()));

    RuleInstaller.ReloadOutcome outcome =
        installer.reload(config(List.of(cache("entries", 200, Eviction.LRU, 7)), List.of()));

    assertThat(outcome.applied())
        .containsExactly("com.example.Cache.entries max-entries 500 -> 200");
    assertThat(outcome.needRestart()).isEmpty();
    assertThat(RuleTable.get(0).limit(Limit.MAX_ENTRIES)).isEqualTo(200);
  }

  @Test
  void changedTargetsAndShapesNeedARestartAndKeepTheOldRule() {
    RuleInstaller installer =
        RuleInstaller.install(config(List.of(cache("entries", 500, Eviction.LRU, 3)), List.of()));

    RuleInstaller.ReloadOutcome outcome =
        installer.reload(
            config(
                List.of(
                    cache("entries", 100, Eviction.FIFO, 3), cache("other", 5, Eviction.LRU, 9)),
                List.of()));

    assertThat(outcome.applied()).isEmpty();
    assertThat(outcome.needRestart())
        .containsExactly(
            "rule com.example.Cache.entries changed to com.example.Cache.entries field com.example.Cache.entries",
            "new rule field com.example.Cache.other");
    assertThat(RuleTable.get(0).limit(Limit.MAX_ENTRIES)).isEqualTo(500);

    // a later reload back to the original shape applies its limits again
    RuleInstaller.ReloadOutcome back =
        installer.reload(config(List.of(cache("entries", 300, Eviction.LRU, 3)), List.of()));
    assertThat(back.applied()).containsExactly("com.example.Cache.entries max-entries 500 -> 300");
  }

  @Test
  void removedRulesAreReportedNotDropped() {
    RuleInstaller installer =
        RuleInstaller.install(config(List.of(cache("entries", 500, Eviction.LRU, 3)), List.of()));

    RuleInstaller.ReloadOutcome outcome = installer.reload(config(List.of(), List.of()));

    assertThat(outcome.needRestart())
        .containsExactly("removed rule field com.example.Cache.entries");
    assertThat(RuleTable.all()).hasSize(1);
  }

  private static CollectionRule histories(long maxValues) {
    return new CollectionRule(
        new FieldRef("com.example.Store", "histories"),
        100,
        Limit.UNSET,
        Eviction.LRU,
        maxValues,
        SourcePosition.of("h"));
  }

  @Test
  void aValuesBoundIsItsOwnRuleLinkedToTheMapRule() {
    RuleInstaller installer = RuleInstaller.install(config(List.of(histories(20)), List.of()));

    assertThat(RuleTable.all()).hasSize(2);
    assertThat(installer.configuredRules()).isEqualTo(1);
    assertThat(RuleTable.get(0).values()).isSameAs(RuleTable.get(1));
    assertThat(RuleTable.get(1).name()).isEqualTo("com.example.Store.histories[values]");
    assertThat(RuleTable.get(1).limit(Limit.MAX_ENTRIES)).isEqualTo(20);
  }

  @Test
  void aValuesLimitChangesLiveButAddingValuesNeedsARestart() {
    RuleInstaller installer = RuleInstaller.install(config(List.of(histories(20)), List.of()));

    RuleInstaller.ReloadOutcome changed =
        installer.reload(config(List.of(histories(5)), List.of()));
    assertThat(changed.applied())
        .containsExactly("com.example.Store.histories values-max-entries 20 -> 5");
    assertThat(RuleTable.get(1).limit(Limit.MAX_ENTRIES)).isEqualTo(5);

    RuleInstaller.ReloadOutcome removed =
        installer.reload(config(List.of(histories(Limit.UNSET)), List.of()));
    assertThat(removed.needRestart()).hasSize(1);
    assertThat(RuleTable.get(1).limit(Limit.MAX_ENTRIES)).isEqualTo(5);
  }

  @Test
  void anUnchangedFileChangesNothing() {
    AgentConfig config = config(List.of(cache("entries", 500, Eviction.LRU, 3)), List.of());
    RuleInstaller installer = RuleInstaller.install(config);

    RuleInstaller.ReloadOutcome outcome = installer.reload(config);

    assertThat(outcome.applied()).isEmpty();
    assertThat(outcome.needRestart()).isEmpty();
  }
}
