package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.collections.CacheService;
import io.heapwarden.it.fixtures.collections.GrowingCache;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A rule that names nothing real is told, with its place in the file, at run time and by check. */
class RuleFeedbackIT {
  private static final String MISSPELT =
      """
      collections:
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.audit
          max-entries: 50
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.entires
          max-entries: 100
      """;

  @Test
  void aMisspeltFieldGetsOneWarningWithItsLineAndTheNearestName() {
    JvmResult result =
        AgentJvm.forMainClass(CacheService.class)
            .withConfig(MISSPELT)
            .recordJfr()
            .args("500")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    // the misspelt rule does nothing: the cache grows; the other rule still bounds its field
    assertThat(result.stdout()).as(result.output()).contains("filled: entries=500", "audit=50");
    assertThat(result.agentLines())
        .as(result.output())
        .filteredOn(line -> line.contains(" WARN "))
        .singleElement()
        .asString()
        .contains(
            "rule io.heapwarden.it.fixtures.collections.LeakyCache.entires (",
            "heapwarden.yaml:4:5, collections[1].field) does nothing: class"
                + " io.heapwarden.it.fixtures.collections.LeakyCache declares no field 'entires'"
                + " (hint: did you mean 'entries'?)");
    assertThat(result.events("heapwarden.RuleUnresolved"))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getString("rule")).endsWith("LeakyCache.entires");
              assertThat(event.getString("location")).endsWith(":4:5, collections[1].field");
              assertThat(event.getBoolean("classLoaded")).isTrue();
              assertThat(event.getString("hint")).isEqualTo("did you mean 'entries'?");
            });
  }

  @Test
  void aRuleWhoseClassNeverLoadsIsReportedOnceWhenTheTimeIsUp() {
    String config =
        """
        telemetry:
          not-matched-after: 1s
        collections:
          - field: io.heapwarden.it.fixtures.collections.GrowingCache.cache
            max-entries: 50
        instances:
          - class: io.heapwarden.it.fixtures.collections.GrowingCash
            max-live: 5
        """;
    AgentJvm jvm = AgentJvm.forMainClass(GrowingCache.class).args("30").withConfig(config);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput(
          "\\[heapwarden\\] INFO rule io\\.heapwarden\\.it\\.fixtures\\.collections\\.GrowingCash"
              + " \\(.*heapwarden\\.yaml:7:5, instances\\[0\\]\\.class\\) has not matched any loaded"
              + " class after 1s",
          Duration.ofSeconds(15));
      running.awaitOutput("^size=50$", Duration.ofSeconds(15)); // the other rule works
      assertThat(running.stderr()).doesNotContain("GrowingCache.cache (");
    }
  }

  @Test
  void checkWithTheClasspathFindsTheSameProblemWithoutRunningTheService() {
    AgentJvm cli = AgentJvm.forJar(ItEnvironment.agentJar());
    Path config = cli.writeConfig(MISSPELT);
    Path classes = ItEnvironment.testClasses();

    JvmResult result =
        AgentJvm.forJar(ItEnvironment.agentJar())
            .args("check", config.toString(), "--classpath", classes.toString())
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
    assertThat(result.stderr())
        .as(result.output())
        .isEqualTo(
            config
                + ":4:5: collections[1].field: rule"
                + " io.heapwarden.it.fixtures.collections.LeakyCache.entires: class"
                + " io.heapwarden.it.fixtures.collections.LeakyCache declares no field 'entires'"
                + " (hint: did you mean 'entries'?)\n");
    assertThat(result.stdout()).contains("# classpath: 1 of 2 rule targets resolved against");

    Path fixed = cli.writeConfig(MISSPELT.replace("entires", "entries"));
    JvmResult ok =
        AgentJvm.forJar(ItEnvironment.agentJar())
            .args("check", fixed.toString(), "--classpath", classes.toString())
            .run();
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.stdout()).contains("# classpath: 2 of 2 rule targets resolved against");
  }
}
