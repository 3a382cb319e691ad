package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LoggingSettings;
import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the config comes from: the file's name, the overrides, their precedence and origins. */
class ConfigRequestTest {
  @TempDir Path dir;
  ConfigFiles files;
  Map<String, String> properties;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
    properties = Map.of("user.dir", dir.toString());
  }

  private Map<String, String> properties(String... keyValues) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put(keyValues[i], keyValues[i + 1]);
    }
    return all;
  }

  private static List<String> formatted(List<ConfigProblem> problems) {
    return problems.stream().map(ConfigProblem::format).toList();
  }

  @Test
  void theAgentArgumentNamesTheFileBeforeThePropertyAndTheVariable() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=from-argument.yaml",
            properties("heapwarden.config", "from-property.yaml"),
            Map.of("HEAPWARDEN_CONFIG", "from-variable.yaml"));

    assertThat(request.file()).isEqualTo(dir.resolve("from-argument.yaml"));
    assertThat(request.displayName()).isEqualTo("from-argument.yaml");
  }

  @Test
  void aBareYamlPathIsTheConfigFileTheFormJcmdPassesWhole() {
    ConfigRequest request =
        ConfigRequest.locate(Kinds.schema(), "/etc/heapwarden.yml", properties, Map.of());

    assertThat(request.file()).isEqualTo(Path.of("/etc/heapwarden.yml"));
    assertThat(request.problems()).isEmpty();
  }

  @Test
  void aBareArgumentThatIsNoYamlPathIsStillAProblem() {
    ConfigRequest request =
        ConfigRequest.locate(Kinds.schema(), "/etc/heapwarden.txt", properties, Map.of());

    assertThat(request.file()).isNull();
    assertThat(request.problems())
        .singleElement()
        .extracting(ConfigProblem::format)
        .asString()
        .contains("expected key=value");
  }

  @Test
  void thePropertyNamesTheFileBeforeTheVariable() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            null,
            properties("heapwarden.config", "from-property.yaml"),
            Map.of("HEAPWARDEN_CONFIG", "from-variable.yaml"));

    assertThat(request.file()).isEqualTo(dir.resolve("from-property.yaml"));
  }

  @Test
  void theVariableNamesTheFileWhenNothingElseDoes() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), "", properties, Map.of("HEAPWARDEN_CONFIG", "/etc/heapwarden.yaml"));

    assertThat(request.file()).isEqualTo(Path.of("/etc/heapwarden.yaml"));
    assertThat(request.displayName()).isEqualTo("/etc/heapwarden.yaml");
  }

  @Test
  void relativePathsResolveAgainstUserDirAndKeepTheirNameForMessages() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), "config=conf/../heapwarden.yaml", properties, Map.of());

    assertThat(request.file()).isEqualTo(dir.resolve("heapwarden.yaml"));
    assertThat(request.source()).isEqualTo("conf/../heapwarden.yaml");
  }

  @Test
  void noFileNamedMeansNoFileAndTheDefaultsSource() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), "config=  ", properties("heapwarden.config", ""), Map.of());

    assertThat(request.file()).isNull();
    assertThat(request.source()).isEqualTo("defaults");
    assertThat(request.problems()).isEmpty();
  }

  @Test
  void overridesComeFromArgumentsThenPropertiesThenVariablesWithTheirOrigins() {
    Map<String, String> env =
        Map.of(
            "HEAPWARDEN_LOGGING_LEVEL", "warn",
            "HEAPWARDEN_TELEMETRY_INTERVAL", "1m",
            "HEAPWARDEN_LOGGING_LINES_PER_MINUTE", "7");
    Map<String, String> props =
        properties("heapwarden.logging.level", "error", "heapwarden.telemetry.interval", "30s");

    ConfigRequest request =
        ConfigRequest.locate(Kinds.schema(), " logging.level = debug ,strict=true", props, env);

    assertThat(request.overrides())
        .containsOnly(
            Map.entry(
                "logging.level",
                new ConfigRequest.Override(
                    "debug", SourcePosition.of("agent argument logging.level"))),
            Map.entry(
                "strict",
                new ConfigRequest.Override("true", SourcePosition.of("agent argument strict"))),
            Map.entry(
                "telemetry.interval",
                new ConfigRequest.Override(
                    "30s", SourcePosition.of("-Dheapwarden.telemetry.interval"))),
            Map.entry(
                "logging.lines-per-minute",
                new ConfigRequest.Override(
                    "7", SourcePosition.of("HEAPWARDEN_LOGGING_LINES_PER_MINUTE"))));
    assertThat(request.problems()).isEmpty();
  }

  @Test
  void overridesBeatTheFile() {
    files.write(yaml("logging:", "  level: info", "  lines-per-minute: 5", "strict: false"));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=heapwarden.yaml",
            properties("heapwarden.logging.level", "debug"),
            Map.of("HEAPWARDEN_RELOAD_INTERVAL", "10s", "HEAPWARDEN_TELEMETRY_JFR", "false"));

    AgentConfig config = ((ConfigResult.Valid) ConfigLoader.load(request)).config();

    assertThat(config.logging()).isEqualTo(new LoggingSettings(LogLevel.DEBUG, 5));
    assertThat(config.reload().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.telemetry().jfr()).isFalse();
  }

  @Test
  void withoutAFileOverridesApplyToTheDefaults() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), null, properties("heapwarden.logging.level", "off"), Map.of());

    AgentConfig config = ((ConfigResult.Valid) ConfigLoader.load(request)).config();

    assertThat(config.source()).isEqualTo("defaults");
    assertThat(config.logging().level()).isEqualTo(LogLevel.OFF);
    assertThat(config.rules()).isEmpty();
  }

  @Test
  void anInvalidOverrideNamesItsOrigin() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "reload.watch=sometimes",
            properties("heapwarden.logging.level", "verbose"),
            Map.of("HEAPWARDEN_TELEMETRY_INTERVAL", "10"));

    assertThat(ConfigFiles.problems(ConfigLoader.load(request)))
        .containsExactly(
            "-Dheapwarden.logging.level: logging.level: must be one of off, error, warn, info,"
                + " debug, got 'verbose'",
            "HEAPWARDEN_TELEMETRY_INTERVAL: telemetry.interval: needs a unit, got 10 (hint: write"
                + " 10s for seconds; the units are ms, s, m, h or d)",
            "agent argument reload.watch: reload.watch: must be true or false, got 'sometimes'"
                + " (hint: write true or false)");
  }

  @Test
  void fileProblemsComeFirstThenOverrideProblems() {
    files.write(yaml("logging:", "  level: loud"));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), "config=heapwarden.yaml,strict=maybe", properties, Map.of());

    assertThat(ConfigFiles.problems(ConfigLoader.load(request)))
        .containsExactly(
            "heapwarden.yaml:2:10: logging.level: must be one of off, error, warn, info, debug,"
                + " got 'loud'",
            "agent argument strict: strict: must be true or false, got 'maybe' (hint: write true"
                + " or false)");
  }

  @Test
  void anOverrideCanMakeAnInvalidConfigStrictOrLenient() {
    files.write(yaml("strict: true", "logging:", "  level: loud"));

    ConfigResult lenient =
        ConfigLoader.load(
            ConfigRequest.locate(
                Kinds.schema(), "config=heapwarden.yaml,strict=false", properties, Map.of()));
    ConfigResult strict =
        ConfigLoader.load(
            ConfigRequest.locate(
                Kinds.schema(),
                null,
                properties("heapwarden.strict", "true", "heapwarden.logging.level", "x"),
                Map.of()));

    assertThat(((ConfigResult.Invalid) lenient).strict()).isFalse();
    assertThat(((ConfigResult.Invalid) strict).strict()).isTrue();
  }

  @Test
  void unknownAgentArgumentsAreProblems() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "loging.level=debug,confg=x.yaml,colour=blue,debug",
            properties,
            Map.of());

    assertThat(formatted(request.problems()))
        .containsExactly(
            "agent argument 'debug': expected key=value (hint: a comma separates arguments; write"
                + " one inside a value as \\,, e.g. colour=blue\\,debug)",
            "agent argument loging.level: unknown setting (hint: did you mean logging.level?)",
            "agent argument confg: unknown setting (hint: did you mean config?)",
            "agent argument colour: unknown setting (hint: the agent takes config=FILE and these"
                + " settings: strict, logging.level, logging.lines-per-minute, telemetry.interval,"
                + " telemetry.jfr, telemetry.micrometer, telemetry.mbean, telemetry.not-matched-after,"
                + " telemetry.prometheus.port, telemetry.prometheus.bind, reload.watch,"
                + " reload.interval,"
                + " pressure.heap.warn, pressure.heap.critical, pressure.container.warn,"
                + " pressure.container.critical, pressure.container.limit,"
                + " pressure.on-critical.trim-to, pressure.on-critical.idle-timeout,"
                + " pressure.on-critical.gc, pressure.on-critical.trim-native,"
                + " pressure.on-critical.min-interval, pressure.on-critical.trim-floor,"
                + " pressure.on-critical.exit-after, pressure.heap-dump.path,"
                + " pressure.heap-dump.on, discover.packages, discover.period,"
                + " discover.old-object-samples, admin.port, admin.bind, admin.token,"
                + " admin.cleanup-interval)");
  }

  @Test
  void misspeltPropertiesAndVariablesAreProblemsButOtherToolsNamesAreLeftAlone() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            null,
            properties(
                "heapwarden.loging.level", "debug",
                "heapwarden.agent.jar", "/opt/heapwarden-agent.jar",
                "heapwarden.it.work", "/tmp/it"),
            Map.of(
                "HEAPWARDEN_TELEMETRY_INTERVALL", "5s",
                "HEAPWARDEN_HOME", "/opt/heapwarden",
                "HEAPWARDEN_VERSION", "1.0"));

    assertThat(formatted(request.problems()))
        .containsExactly(
            "HEAPWARDEN_TELEMETRY_INTERVALL: unknown setting (hint: did you mean"
                + " HEAPWARDEN_TELEMETRY_INTERVAL?)",
            "-Dheapwarden.loging.level: unknown setting (hint: did you mean"
                + " -Dheapwarden.logging.level?)");
    assertThat(request.overrides()).isEmpty();
  }

  @Test
  void rulesAndSectionsCannotBeOverridden() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "instances=x",
            properties("heapwarden.collections", "x"),
            Map.of("HEAPWARDEN_LOGGING", "debug"));

    assertThat(formatted(request.problems()))
        .containsExactly(
            "HEAPWARDEN_LOGGING: logging: is a section; override one of its keys (hint: e.g."
                + " HEAPWARDEN_LOGGING_LEVEL)",
            "-Dheapwarden.collections: collections: cannot be overridden: rules come only from the"
                + " config file",
            "agent argument instances: instances: cannot be overridden: rules come only from the"
                + " config file");
    assertThat(ConfigLoader.load(request)).isInstanceOf(ConfigResult.Invalid.class);
  }

  @Test
  void anAgentArgumentGivenTwiceIsAProblem() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=a.yaml,logging.level=debug,config=b.yaml,logging.level=info",
            properties,
            Map.of());

    assertThat(formatted(request.problems()))
        .containsExactly(
            "agent argument config: is given twice, as config=a.yaml and config=b.yaml (hint:"
                + " keep one; write a comma inside a value as \\,)",
            "agent argument logging.level: is given twice, as logging.level=debug and"
                + " logging.level=info (hint: keep one; write a comma inside a value as \\,)");
    assertThat(request.file()).isEqualTo(dir.resolve("a.yaml"));
  }

  @Test
  void aCommaInTheConfigPathIsWrittenWithABackslash() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=conf\\,v2/heap\\warden.yaml,logging.level=debug",
            properties,
            Map.of());

    assertThat(request.problems()).isEmpty();
    assertThat(request.file()).isEqualTo(dir.resolve("conf,v2/heap\\warden.yaml"));
    assertThat(request.displayName()).isEqualTo("conf,v2/heap\\warden.yaml");
    assertThat(request.overrides()).containsOnlyKeys("logging.level");
  }

  @Test
  void aPathCutAtAnUnescapedCommaSaysHowToWriteOne() {
    ConfigRequest request =
        ConfigRequest.locate(Kinds.schema(), "config=conf,v2.yaml", properties, Map.of());

    assertThat(formatted(request.problems()))
        .containsExactly(
            "agent argument 'v2.yaml': expected key=value (hint: a comma separates arguments;"
                + " write one inside a value as \\,, e.g. config=conf\\,v2.yaml)");
  }

  @Test
  void emptyValuesCountAsNotSet() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "logging.level=,",
            properties("heapwarden.telemetry.jfr", " "),
            Map.of("HEAPWARDEN_STRICT", ""));

    assertThat(request.overrides()).isEmpty();
    assertThat(request.problems()).isEmpty();
  }

  @Test
  void everyOverridableKeyHasAPropertyAndAVariable() {
    for (ConfigKey key : Kinds.schema().keys()) {
      if (!key.overridable()) {
        continue;
      }
      String example = key.example();
      ConfigRequest byProperty =
          ConfigRequest.locate(
              Kinds.schema(), null, properties(key.propertyName(), example), Map.of());
      ConfigRequest byVariable =
          ConfigRequest.locate(
              Kinds.schema(), null, properties, Map.of(key.environmentName(), example));

      assertThat(byProperty.overrides()).containsOnlyKeys(key.path());
      assertThat(byVariable.overrides()).containsOnlyKeys(key.path());
      assertThat(ConfigLoader.load(byVariable)).isInstanceOf(ConfigResult.Valid.class);
    }
  }
}
