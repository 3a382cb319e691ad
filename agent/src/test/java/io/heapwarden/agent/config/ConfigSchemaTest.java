package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.rules.RulePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema table against the documentation, the model's defaults and the printer. */
class ConfigSchemaTest {
  /** Surefire runs in the agent module's directory. */
  private static final Path DOC = Path.of("../docs/configuration.md");

  private static final String KEY_HEADING = "### `";

  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  /** The doc's key sections: heading key to the lines up to the next heading. */
  private static Map<String, List<String>> documentedKeys() throws Exception {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith(KEY_HEADING)) {
        String key = line.substring(KEY_HEADING.length(), line.indexOf('`', KEY_HEADING.length()));
        current = new ArrayList<>();
        assertThat(sections.put(key, current)).as("documented twice: %s", key).isNull();
      } else if (line.startsWith("#")) {
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return sections;
  }

  private static List<String> schemaPaths() {
    List<String> paths = new ArrayList<>();
    for (ConfigKey key : Kinds.schema().keys()) {
      paths.add(key.path());
    }
    return paths;
  }

  @Test
  void theDocumentationDocumentsEveryKeyInSchemaOrderAndNoOther() throws Exception {
    assertThat(documentedKeys().keySet()).containsExactlyElementsOf(schemaPaths());
  }

  @Test
  void theDocumentationGivesEachKeysTypeDefaultExampleAndOverrides() throws Exception {
    Map<String, List<String>> documented = documentedKeys();
    for (ConfigKey key : Kinds.schema().keys()) {
      List<String> section = documented.get(key.path());
      String defaultText = key.defaultText();
      assertThat(section)
          .as("the documentation of %s", key.path())
          .contains("- **Type:** " + key.docType())
          .containsAnyOf("- **Default:** `" + defaultText + "`", "- **Default:** " + defaultText);
      if (key.type().isScalar()) {
        assertThat(section)
            .as("the example of %s", key.path())
            .contains("- **Example:** `" + key.name() + ": " + key.example() + "`");
      }
      String example = key.example();
      String overrides =
          "- **Override:** `-D"
              + key.propertyName()
              + "="
              + example
              + "`, `"
              + key.environmentName()
              + "="
              + example
              + "`, agent argument `"
              + key.path()
              + "="
              + example
              + "`";
      if (key.overridable()) {
        assertThat(section).as("the overrides of %s", key.path()).contains(overrides);
      } else {
        assertThat(section).noneMatch(line -> line.startsWith("- **Override:**"));
      }
    }
  }

  @Test
  void everyYamlExampleInTheDocumentationIsAValidConfig() throws Exception {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : Files.readAllLines(DOC)) {
      if (block == null && line.equals("```yaml")) {
        block = new StringBuilder();
      } else if (block != null && line.equals("```")) {
        blocks.add(block.toString());
        block = null;
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }

    assertThat(blocks).isNotEmpty();
    for (String yaml : blocks) {
      files.valid(yaml);
    }
  }

  @Test
  void everyExampleValueParses() throws Exception {
    for (ConfigKey key : Kinds.schema().keys()) {
      if (key.type().isScalar()) {
        assertThat(key.parse(key.example())).as(key.path()).isNotNull();
      }
    }
  }

  @Test
  void theSchemasDefaultsAreTheModelsDefaults() throws Exception {
    AgentConfig defaults = AgentConfig.defaults();
    AgentConfig rules =
        files.valid(
            yaml(
                "collections:",
                "  - field: a.B.c",
                "    max-bytes: 1MB",
                "singletons:",
                "  - class: a.B",
                "instances:",
                "  - class: a.C",
                "    max-live: 1",
                "sessions:",
                "  - field: a.B.d",
                "    max-bytes-per-session: 1KB"));
    Map<String, Object> owners =
        Map.of(
            "",
            defaults,
            "collections[]",
            rules.rules(CollectionRule.class).get(0),
            "singletons[]",
            rules.rules(SingletonRule.class).get(0),
            "instances[]",
            rules.rules(InstanceRule.class).get(0),
            "sessions[]",
            rules.rules(SessionRule.class).get(0));

    int checked = 0;
    for (ConfigKey key : Kinds.schema().keys()) {
      if (!key.type().isScalar() || key.required() || key.defaultText().equals("none")) {
        continue;
      }
      String owner =
          key.path().contains("[]") ? key.path().substring(0, key.path().indexOf("[]") + 2) : "";
      Object actual = ConfigPrinter.valueOf(Kinds.schema(), key.path(), owners.get(owner));
      if (key.defaultText().equals(ConfigSchema.UNSET)) {
        // A collection rule must set a limit: this one sets max-bytes, so only max-entries is
        // unset.
        // So does the session rule, with max-bytes-per-session.
        if (!key.path().equals("collections[].max-bytes")
            && !key.path().equals("sessions[].max-bytes-per-session")) {
          assertThat(actual).as(key.path()).isNull();
        }
      } else {
        assertThat(actual).as(key.path()).isEqualTo(key.parse(key.defaultText()));
      }
      checked++;
    }
    assertThat(checked)
        .as(
            "10 settings and telemetry.prometheus.bind, 3 collection keys, 3 singleton keys, 4"
                + " session keys, 13 pressure keys, 2 discover keys, 3 admin keys")
        .isEqualTo(39);
  }

  @Test
  void everyOverridableKeyIsATopLevelSetting() {
    List<String> overridable = new ArrayList<>();
    for (ConfigKey key : Kinds.schema().keys()) {
      if (key.overridable()) {
        overridable.add(key.path());
        if (!key.defaultText().equals(ConfigSchema.UNSET) && !key.required()) {
          assertThat(ConfigPrinter.valueOf(Kinds.schema(), key.path(), AgentConfig.defaults()))
              .isNotNull();
        }
      }
    }
    assertThat(overridable)
        .containsExactly(
            "strict",
            "logging.level",
            "logging.lines-per-minute",
            "telemetry.interval",
            "telemetry.jfr",
            "telemetry.micrometer",
            "telemetry.mbean",
            "telemetry.not-matched-after",
            "telemetry.prometheus.port",
            "telemetry.prometheus.bind",
            "reload.watch",
            "reload.interval",
            "pressure.heap.warn",
            "pressure.heap.critical",
            "pressure.container.warn",
            "pressure.container.critical",
            "pressure.container.limit",
            "pressure.on-critical.trim-to",
            "pressure.on-critical.idle-timeout",
            "pressure.on-critical.gc",
            "pressure.on-critical.trim-native",
            "pressure.on-critical.min-interval",
            "pressure.on-critical.trim-floor",
            "pressure.on-critical.exit-after",
            "pressure.heap-dump.path",
            "pressure.heap-dump.on",
            "discover.packages",
            "discover.period",
            "discover.old-object-samples",
            "admin.port",
            "admin.bind",
            "admin.token",
            "admin.cleanup-interval");
  }

  @Test
  void printsTheEffectiveConfigWithDefaultsMarked() {
    AgentConfig config =
        files.valid(
            yaml(
                "logging:",
                "  level: debug",
                "collections:",
                "  - field: com.example.Outer.Inner.entries",
                "    max-bytes: 1536KB",
                "    values:",
                "      max-entries: 3",
                "singletons:",
                "  - method: com.example.F.make(int, java.lang.String[])",
                "    scope: thread"));

    assertThat(ConfigPrinter.toYaml(Kinds.schema(), config))
        .isEqualTo(
            yaml(
                "strict: false  # default",
                "logging:",
                "  level: debug",
                "  lines-per-minute: 20  # default",
                "telemetry:",
                "  interval: 10s  # default",
                "  jfr: true  # default",
                "  micrometer: true  # default",
                "  mbean: true  # default",
                "  not-matched-after: 1m  # default",
                "reload:",
                "  watch: true  # default",
                "  interval: 2s  # default",
                "collections:",
                "  - field: com.example.Outer$Inner.entries  # heapwarden.yaml:4:5",
                "    max-bytes: 1536KB",
                "    eviction: lru  # default",
                "    values:",
                "      max-entries: 3",
                "singletons:",
                "  - method: com.example.F.make(int, java.lang.String[])  # heapwarden.yaml:9:5",
                "    key: arguments  # default",
                "    scope: thread",
                "    on-close: ignore  # default",
                "instances: []",
                "sessions: []"));
  }

  @Test
  void thePrintedConfigLoadsBackToTheSameConfig() {
    AgentConfig original =
        files.valid(
            yaml(
                "strict: true",
                "logging: {level: warn, lines-per-minute: 3}",
                "telemetry: {interval: 90s, jfr: false, micrometer: false}",
                "reload: {watch: false, interval: 1500ms}",
                "collections:",
                "  - {field: a.B.c, max-entries: 7, max-bytes: 3GiB, eviction: fifo}",
                "  - {field: a.B.Inner.d, max-entries: 9, values: {max-entries: 2}}",
                "singletons:",
                "  - {class: a.Model, key: class, scope: thread, on-close: release}",
                "  - {method: 'a.F.make(byte[][], java.util.Map.Entry)'}",
                "instances:",
                "  - {class: a.C, max-live: 4}",
                "sessions:",
                "  - {field: a.S.m, idle-timeout: 90s, window: 5, on-evict: close}",
                "  - {preset: langchain4j, max-sessions: 12}",
                "pressure:",
                "  heap: {warn: 60%, critical: 80%}",
                "  container: {warn: 70%, critical: 95%, limit: 1GB}",
                "  on-critical: {trim-to: 25%, idle-timeout: 30s, gc: false, trim-native: false,"
                    + " min-interval: 1m}",
                "  heap-dump: {path: /tmp/hw-%p.hprof, on: warn}"));

    AgentConfig reloaded = files.valid(ConfigPrinter.toYaml(Kinds.schema(), original));

    assertThat(
            ConfigPrinter.toYaml(Kinds.schema(), reloaded)
                .replaceAll("  # heapwarden.yaml:\\d+:\\d+", ""))
        .isEqualTo(
            ConfigPrinter.toYaml(Kinds.schema(), original)
                .replaceAll("  # heapwarden.yaml:\\d+:\\d+", ""));
    assertThat(RulePlan.of(reloaded).specs())
        .extracting(RuleSpec::target)
        .isEqualTo(RulePlan.of(original).specs().stream().map(RuleSpec::target).toList());
    assertThat(reloaded.logging()).isEqualTo(original.logging());
    assertThat(reloaded.telemetry()).isEqualTo(original.telemetry());
    assertThat(reloaded.reload()).isEqualTo(original.reload());
    assertThat(reloaded.strict()).isTrue();
    assertThat(reloaded.pressure()).isEqualTo(original.pressure());
    assertThat(reloaded.pressure().enabled()).isTrue();
  }
}
