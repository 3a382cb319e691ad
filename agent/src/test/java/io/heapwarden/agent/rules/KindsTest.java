package io.heapwarden.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigKey;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.config.RuleSpec;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.bootstrap.Limit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes "adding a rule kind touches three agent files" true, checked on the kinds there are:
 * every rule record has a kind, every kind provides every part, and no other agent source names a
 * kind's record (so none branches on it); and ARCHITECTURE.md lists those three files. It cannot
 * prove that a future kind will fit the two rewriters; ARCHITECTURE.md says what it needs if not.
 */
class KindsTest {
  /** Surefire runs in the agent module's directory. */
  private static final Path MAIN = Path.of("src/main/java/io/heapwarden/agent");

  private static final Path ARCHITECTURE = Path.of("../ARCHITECTURE.md");

  /** Files besides its record and kind that may name a kind's record: what produces such rules. */
  private static final Map<String, String> HELPERS = Map.of("SessionRule", "sessions/");

  @TempDir Path dir;

  @Test
  void everyRuleRecordInConfigHasAKindAndEachKindItsOwnListAndRecord() throws IOException {
    Set<String> records = new TreeSet<>();
    for (Path source : sources(MAIN.resolve("config"))) {
      String text = Files.readString(source);
      if (text.contains("implements RuleSpec")) {
        records.add(source.getFileName().toString().replace(".java", ""));
      }
    }
    Set<String> kindRecords = new TreeSet<>();
    Set<String> lists = new HashSet<>();
    for (Kind<?> kind : Kinds.all()) {
      assertThat(kindRecords.add(kind.type().getSimpleName())).as(kind.name()).isTrue();
      assertThat(lists.add(kind.name())).as(kind.name()).isTrue();
      assertThat(kind.bootKind()).as(kind.name()).isNotNull();
    }
    assertThat(kindRecords).isEqualTo(records);
  }

  @Test
  void eachKindsKeysSitUnderItsListInTheSchema() {
    for (Kind<?> kind : Kinds.all()) {
      assertThat(Kinds.schema().section(kind.name())).isSameAs(kind);
      assertThat(kind.keys()).as(kind.name()).isNotEmpty();
      for (ConfigKey key : kind.keys()) {
        assertThat(key.path()).startsWith(kind.name() + "[].");
        assertThat(Kinds.schema().key(key.path())).isEqualTo(key);
      }
    }
  }

  @Test
  void everyKindProvidesEveryPartForARuleReadFromAFile() throws IOException {
    Path file = dir.resolve("heapwarden.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "collections:",
            "  - {field: a.B.c, max-entries: 5, values: {max-entries: 2}}",
            "singletons:",
            "  - {class: a.Model, on-close: release}",
            "instances:",
            "  - {class: a.C, max-live: 3}",
            "sessions:",
            "  - {field: a.S.m, max-sessions: 9, window: 4}",
            ""));
    ConfigResult result = ConfigLoader.load(ConfigRequest.ofFile(Kinds.schema(), file));
    assertThat(result).isInstanceOf(ConfigResult.Valid.class);
    AgentConfig config = ((ConfigResult.Valid) result).config();

    RulePlan plan = RulePlan.of(config);
    Set<Kind<?>> planned = new LinkedHashSet<>();
    for (PlannedRule<?> rule : plan.rules()) {
      planned.add(rule.kind);
      assertThat(rule.limits()).hasSize(Limit.values().length);
      assertThat(rule.shape()).isNotEqualTo(rule.spec); // limits are left out of the shape
      TargetIndex.Builder needles = new TargetIndex.Builder();
      rule.addNeedles(needles);
      assertThat(needles.build().needles()).as(rule.spec.name()).isNotEmpty();
      assertPrints(rule.kind, rule.spec);
    }
    assertThat(planned).containsExactlyElementsOf(Kinds.all());
    assertThat(plan.bootRules()).hasSize(4 + 2); // a values: bound and a window: companions
    assertThat(plan.rewriters((target, type, reason) -> {})).hasSize(2);
  }

  private static <R extends RuleSpec> void assertPrints(Kind<R> kind, RuleSpec rule) {
    for (ConfigKey key : kind.keys()) {
      if (key.type().isScalar()) {
        String relative = key.path().substring(kind.name().length() + 3);
        kind.valueOf(kind.type().cast(rule), relative); // throws for a key it does not know
      }
    }
  }

  @Test
  void noAgentSourceButItsRecordAndKindNamesAKindsRecord() throws IOException {
    List<Path> sources = sources(MAIN);
    for (Kind<?> kind : Kinds.all()) {
      String record = kind.type().getSimpleName();
      Pattern word = Pattern.compile("\\b" + record + "\\b");
      Set<String> naming = new TreeSet<>();
      for (Path source : sources) {
        if (word.matcher(Files.readString(source)).find()) {
          naming.add(MAIN.relativize(source).toString().replace('\\', '/'));
        }
      }
      String helper = HELPERS.get(record);
      naming.removeIf(path -> helper != null && path.startsWith(helper));
      assertThat(naming)
          .as("the files that name %s", record)
          .containsExactlyInAnyOrder(
              "config/" + record + ".java", "rules/" + kind.getClass().getSimpleName() + ".java");
    }
  }

  @Test
  void architectureListsTheThreeAgentFilesOfANewKind() throws IOException {
    String doc = Files.readString(ARCHITECTURE);
    int section = doc.indexOf("\n## Adding a rule kind\n");
    assertThat(section).as("ARCHITECTURE.md has the section").isNotNegative();
    int end = doc.indexOf("\n## ", section + 1);
    String text = end < 0 ? doc.substring(section) : doc.substring(section, end);
    int agentSide = text.indexOf("Agent side (three files):");
    assertThat(agentSide).isNotNegative();
    List<String> files = new ArrayList<>();
    Matcher item = Pattern.compile("(?m)^\\d+\\. `([^`]+)`").matcher(text.substring(agentSide));
    while (item.find()) {
      files.add(item.group(1));
    }
    assertThat(files)
        .containsExactly(
            "agent/src/main/java/io/heapwarden/agent/config/<Name>Rule.java",
            "agent/src/main/java/io/heapwarden/agent/rules/<Name>Kind.java",
            "agent/src/main/java/io/heapwarden/agent/rules/Kinds.java");
    for (Kind<?> kind : Kinds.all()) {
      assertThat(MAIN.resolve("config/" + kind.type().getSimpleName() + ".java")).exists();
      assertThat(MAIN.resolve("rules/" + kind.getClass().getSimpleName() + ".java")).exists();
    }
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
    }
  }
}
