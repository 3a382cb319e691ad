package io.heapwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.cli.HeapwardenCli;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.rules.Kinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suggest}: from a real recording of GrowthSuspect events to a config the loader takes. */
class SuggestCommandTest {
  @TempDir Path dir;
  final Console console = new Console();

  private int suggest(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "suggest";
    System.arraycopy(args, 0, all, 1, args.length);
    return HeapwardenCli.run(all, console.out, console.err);
  }

  private Path recordingWithSuspects() {
    try (TestRecording recording = new TestRecording()) {
      recording
          .commit("AgentStarted", "startupDuration", 1L, "ruleCount", 0, "configSource", "x")
          .commit(
              "GrowthSuspect",
              "field",
              "com.example.ResponseCache.entries",
              "type",
              "java.util.Map",
              "count",
              730L,
              "instances",
              1,
              "perMinute",
              1200.5,
              "bytes",
              180_000L,
              "heapPerMinute",
              0.0,
              "window",
              Duration.ofSeconds(9).toNanos())
          .commit(
              "GrowthSuspect",
              "field",
              "com.example.Session.history",
              "type",
              "java.util.List",
              "count",
              4000L,
              "instances",
              100,
              "perMinute",
              300.0,
              "bytes",
              -1L,
              "heapPerMinute",
              0.0,
              "window",
              Duration.ofSeconds(9).toNanos());
      return recording.dump(dir.resolve("suspects.jfr"));
    }
  }

  @Test
  void writesOneCommentedRulePerSuspectThatTheLoaderAccepts() throws Exception {
    Path recording = recordingWithSuspects();
    Path out = dir.resolve("heapwarden.yaml");

    assertThat(suggest(recording.toString(), "-o", out.toString())).as(console.stderr()).isZero();

    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains(
            "  # com.example.ResponseCache.entries (java.util.Map) grew by 1200.5 a minute over"
                + " 9s: 730 elements in 1 collection, about 175.8 KiB\n"
                + "  - field: com.example.ResponseCache.entries\n"
                + "    max-entries: 2000\n")
        .contains("  - field: com.example.Session.history\n    max-entries: 100\n");
    ConfigResult loaded =
        ConfigLoader.load(
            new ConfigRequest(Kinds.schema(), out, "heapwarden.yaml", Map.of(), List.of()));
    assertThat(loaded).isInstanceOf(ConfigResult.Valid.class);
    assertThat(((ConfigResult.Valid) loaded).config().rules(CollectionRule.class)).hasSize(2);
  }

  @Test
  void printsToStandardOutputWithoutMinusO() {
    assertThat(suggest(recordingWithSuspects().toString())).isZero();
    assertThat(console.stdout()).startsWith("# Suggested by heapwarden suggest from ");
  }

  @Test
  void anExistingFileIsKeptWithoutMinusF() throws Exception {
    Path recording = recordingWithSuspects();
    Path out = Files.writeString(dir.resolve("mine.yaml"), "strict: true\n");

    assertThat(suggest(recording.toString(), "-o", out.toString()))
        .isEqualTo(SuggestCommand.EXIT_OUTPUT_EXISTS);
    assertThat(Files.readString(out)).isEqualTo("strict: true\n");
    assertThat(console.stderr()).contains("exists; use -f to overwrite it");

    assertThat(suggest(recording.toString(), "-o", out.toString(), "-f")).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("collections:");
  }

  @Test
  void withoutSuspectsItSaysSoAndWritesNothing() {
    Path recording;
    try (TestRecording empty = new TestRecording()) {
      empty.commit("AgentStarted", "startupDuration", 1L, "ruleCount", 0, "configSource", "x");
      recording = empty.dump(dir.resolve("none.jfr"));
    }
    Path out = dir.resolve("out.yaml");

    assertThat(suggest(recording.toString(), "-o", out.toString()))
        .isEqualTo(SuggestCommand.EXIT_NO_SUSPECTS);
    assertThat(out).doesNotExist();
    assertThat(console.stderr()).contains("no growth suspects").contains("nothing written");
  }

  @Test
  void boundsAreDoubledAndRounded() {
    assertThat(RuleSuggester.bound(suspect(730, 1))).isEqualTo(2000);
    assertThat(RuleSuggester.bound(suspect(10, 1))).isEqualTo(100);
    assertThat(RuleSuggester.bound(suspect(2400, 1))).isEqualTo(5000);
    assertThat(RuleSuggester.bound(suspect(90_000, 3))).isEqualTo(100_000);
  }

  private static Suspect suspect(long count, int instances) {
    return new Suspect("a.B.c", "java.util.List", count, instances, 1, -1, Duration.ofMinutes(1));
  }
}
