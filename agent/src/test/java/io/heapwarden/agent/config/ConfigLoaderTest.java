package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LoggingSettings;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.bootstrap.Limit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  private static SourcePosition at(int line, int column) {
    return new SourcePosition(ConfigFiles.NAME, line, column);
  }

  @Test
  void loadsAConfigThatSetsEveryKey() {
    AgentConfig config =
        files.valid(
            yaml(
                "strict: true",
                "logging:",
                "  level: debug",
                "  lines-per-minute: 60",
                "telemetry:",
                "  interval: 30s",
                "  jfr: false",
                "  micrometer: false",
                "reload:",
                "  watch: false",
                "  interval: 500ms",
                "collections:",
                "  - field: com.example.chat.ResponseCache.entries",
                "    max-entries: 500",
                "    max-bytes: 10MB",
                "    eviction: fifo",
                "    values:",
                "      max-entries: 100",
                "singletons:",
                "  - class: com.example.ml.EmbeddingModel",
                "    key: class",
                "    scope: thread",
                "    on-close: release",
                "  - method: com.example.ml.Models.load(java.lang.String, int[])",
                "instances:",
                "  - class: com.example.db.Connection",
                "    max-live: 5"));

    assertThat(config)
        .isEqualTo(
            new AgentConfig(
                ConfigFiles.NAME,
                true,
                new LoggingSettings(LogLevel.DEBUG, 60),
                new TelemetrySettings(
                    Duration.ofSeconds(30), false, false, true, Duration.ofMinutes(1)),
                new ReloadSettings(false, Duration.ofMillis(500)),
                List.of(
                    new CollectionRule(
                        new FieldRef("com.example.chat.ResponseCache", "entries"),
                        500,
                        10L * 1024 * 1024,
                        Eviction.FIFO,
                        100,
                        at(13, 5)),
                    new SingletonRule(
                        "com.example.ml.EmbeddingModel",
                        null,
                        SingletonKey.CLASS,
                        SingletonScope.THREAD,
                        OnClose.RELEASE,
                        at(20, 5)),
                    new SingletonRule(
                        null,
                        new MethodRef(
                            "com.example.ml.Models", "load", List.of("java.lang.String", "int[]")),
                        SingletonKey.ARGUMENTS,
                        SingletonScope.GLOBAL,
                        OnClose.IGNORE,
                        at(24, 5)),
                    new InstanceRule("com.example.db.Connection", 5, at(26, 5)))));
  }

  @Test
  void fillsInDefaultsAndLeavesUnsetLimitsUnset() {
    AgentConfig config =
        files.valid(
            yaml(
                "collections:",
                "  - field: com.example.Cache.entries",
                "    max-bytes: 1GiB",
                "singletons:",
                "  - class: com.example.Outer.Model"));

    assertThat(config.strict()).isFalse();
    assertThat(config.logging()).isEqualTo(LoggingSettings.DEFAULTS);
    assertThat(config.telemetry()).isEqualTo(TelemetrySettings.DEFAULTS);
    assertThat(config.reload()).isEqualTo(ReloadSettings.DEFAULTS);
    CollectionRule cache = config.rules(CollectionRule.class).get(0);
    assertThat(cache.maxEntries()).isEqualTo(Limit.UNSET);
    assertThat(cache.maxBytes()).isEqualTo(1L << 30);
    assertThat(cache.eviction()).isEqualTo(Eviction.LRU);
    assertThat(cache.valuesMaxEntries()).isEqualTo(Limit.UNSET);
    SingletonRule model = config.rules(SingletonRule.class).get(0);
    assertThat(model.className()).isEqualTo("com.example.Outer$Model");
    assertThat(model.key()).isEqualTo(SingletonKey.ARGUMENTS);
    assertThat(model.scope()).isEqualTo(SingletonScope.GLOBAL);
    assertThat(model.onClose()).isEqualTo(OnClose.IGNORE);
  }

  @Test
  void noFileGivesTheDefaults() {
    ConfigResult result =
        ConfigLoader.load(ConfigRequest.locate(Kinds.schema(), null, Map.of(), Map.of()));

    assertThat(result).isEqualTo(new ConfigResult.Valid(AgentConfig.defaults()));
  }

  @Test
  void emptySectionsAndListsMeanDefaultsAndNoRules() {
    AgentConfig config =
        files.valid(
            yaml("logging:", "telemetry: {}", "reload: ~", "collections:", "singletons: []"));

    assertThat(config.logging()).isEqualTo(LoggingSettings.DEFAULTS);
    assertThat(config.rules()).isEmpty();
  }

  @Test
  void acceptsFlowStyleQuotedValuesCaseInsensitiveWordsAndABom() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String text =
        yaml(
            "strict: \"false\"",
            "logging: {level: WARN, lines-per-minute: '5'}",
            "collections:",
            "  - {field: a.B.c, max-entries: 3, eviction: Fifo}");
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withBom = new byte[bom.length + utf8.length];
    System.arraycopy(bom, 0, withBom, 0, bom.length);
    System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);

    ConfigResult result = ConfigLoader.load(files.request(files.write("bom.yaml", withBom)));

    AgentConfig config = ((ConfigResult.Valid) result).config();
    assertThat(config.logging()).isEqualTo(new LoggingSettings(LogLevel.WARN, 5));
    assertThat(config.rules(CollectionRule.class).get(0).eviction()).isEqualTo(Eviction.FIFO);
    assertThat(config.rules(CollectionRule.class).get(0).position()).isEqualTo(at(4, 5));
  }

  /** Found by ConfigLoaderFuzzTest: a tag SnakeYAML scans but refuses to build. */
  @Test
  void aTagSnakeYamlRefusesIsMalformedYamlNotAnInternalError() {
    ConfigResult result =
        ConfigLoader.load(
            files.request(
                files.write(
                    "tag.yaml",
                    " [[!%1F ionsns? H]".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    assertThat(((ConfigResult.Invalid) result).problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.message()).startsWith("malformed YAML: Tag");
              assertThat(problem.hint()).contains("tags");
            });
  }

  @Test
  void anchorsAndAliasesWork() {
    AgentConfig config =
        files.valid(
            yaml(
                "collections:",
                "  - field: a.B.first",
                "    max-entries: &limit 250",
                "  - field: a.B.second",
                "    max-entries: *limit"));

    assertThat(config.rules(CollectionRule.class))
        .extracting(CollectionRule::maxEntries)
        .containsExactly(250L, 250L);
  }

  @Test
  void keepsRulesInFileOrderWithTheirPositions() {
    AgentConfig config =
        files.valid(
            yaml(
                "instances:",
                "  - class: a.First",
                "    max-live: 1",
                "collections:",
                "  - field: a.B.one",
                "    max-entries: 1",
                "  - field: a.B.two",
                "    max-entries: 2"));

    assertThat(config.rules())
        .extracting(RuleSpec::name)
        .containsExactly("a.B.one", "a.B.two", "a.First");
    assertThat(config.rules())
        .extracting(RuleSpec::position)
        .containsExactly(at(5, 5), at(7, 5), at(2, 5));
  }

  @Test
  void theSourceIsThePathAsTheUserGaveIt() {
    Path file = files.write(yaml("strict: false"));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=" + file.getFileName(),
            Map.of("user.dir", dir.toString()),
            Map.of());

    AgentConfig config = ((ConfigResult.Valid) ConfigLoader.load(request)).config();

    assertThat(config.source()).isEqualTo(ConfigFiles.NAME);
  }

  @Test
  void theExampleServiceConfigIsValid() {
    Path example = Path.of("../examples/chat-service/heapwarden.yaml");

    ConfigResult result = ConfigLoader.load(new ConfigRequest(Kinds.schema(), example, Map.of()));

    assertThat(result).isInstanceOf(ConfigResult.Valid.class);
    AgentConfig config = ((ConfigResult.Valid) result).config();
    assertThat(config.rules(CollectionRule.class))
        .extracting(
            rule -> rule.field().toString(),
            CollectionRule::maxEntries,
            CollectionRule::valuesMaxEntries)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "io.heapwarden.examples.chat.ResponseCache.entries", 500L, Limit.UNSET));
    assertThat(config.rules(CollectionRule.class).get(0).eviction()).isEqualTo(Eviction.LRU);
    assertThat(config.rules(SessionRule.class))
        .extracting(
            rule -> rule.field().toString(),
            SessionRule::maxSessions,
            SessionRule::idleTimeout,
            SessionRule::window)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "io.heapwarden.examples.chat.ConversationStore.histories",
                2000L,
                java.time.Duration.ofMinutes(30),
                20L),
            org.assertj.core.groups.Tuple.tuple(
                "io.heapwarden.examples.chat.EventHub.queues",
                500L,
                java.time.Duration.ofMinutes(2),
                100L));
    assertThat(config.rules(SingletonRule.class))
        .extracting(SingletonRule::className, SingletonRule::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "io.heapwarden.examples.chat.EmbeddingModel", SingletonKey.ARGUMENTS));
  }

  @Test
  void strictHoldsForAFileThatIsNotUtf8() {
    byte[] latin1 = "strict: true\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    ConfigResult result = ConfigLoader.load(files.request(files.write(ConfigFiles.NAME, latin1)));

    assertThat(ConfigFiles.problems(result))
        .containsExactly(
            "heapwarden.yaml:2:6: the config file is not valid UTF-8 (hint: save it as UTF-8)");
    assertThat(((ConfigResult.Invalid) result).strict()).isTrue();
  }

  @Test
  void strictHoldsForAFileOverTheSizeLimit() {
    byte[] huge = new byte[ConfigFile.MAX_FILE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) '\n');
    byte[] head =
        "# the service's config\nstrict:  \"TRUE\"  # stop on any problem\n"
            .getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, huge, 0, head.length);

    ConfigResult result = ConfigLoader.load(files.request(files.write(ConfigFiles.NAME, huge)));

    assertThat(ConfigFiles.problems(result)).hasSize(1);
    assertThat(((ConfigResult.Invalid) result).strict()).isTrue();
  }

  @Test
  void onlyATopLevelStrictTrueLineCountsInAnUnparsedFile() {
    for (String notStrict :
        new String[] {
          "# strict: true\n",
          "  strict: true\n",
          "strict: truest\n",
          "strict:true\n",
          "strict: false\n",
          "strictly: true\n"
        }) {
      byte[] latin1 = (notStrict + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);

      ConfigResult result = ConfigLoader.load(files.request(files.write(ConfigFiles.NAME, latin1)));

      assertThat(((ConfigResult.Invalid) result).strict()).as(notStrict).isFalse();
    }
  }
}
