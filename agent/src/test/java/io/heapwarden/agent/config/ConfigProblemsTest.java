package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input, each with the exact line a user sees. */
class ConfigProblemsTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void zeroLimit() {
    assertThat(
            files.problems(
                yaml("collections:", "  - field: com.example.Cache.entries", "    max-entries: 0")))
        .containsExactly(
            "heapwarden.yaml:3:18: collections[0].max-entries: must be a positive whole number,"
                + " got 0 (hint: remove the key to leave the limit unset)");
  }

  @Test
  void negativeSize() {
    assertThat(
            files.problems(
                yaml(
                    "collections:", "  - field: com.example.Cache.entries", "    max-bytes: -5MB")))
        .containsExactly(
            "heapwarden.yaml:3:16: collections[0].max-bytes: must be a positive size, got -5MB"
                + " (hint: remove the key to leave the limit unset)");
  }

  @Test
  void zeroRequiredLimit() {
    assertThat(
            files.problems(
                yaml("instances:", "  - class: com.example.Connection", "    max-live: 0")))
        .containsExactly(
            "heapwarden.yaml:3:15: instances[0].max-live: must be a positive whole number, got 0"
                + " (hint: use 1 or more)");
  }

  @Test
  void unknownKeyWithDidYouMean() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entires: 500")))
        .containsExactly(
            "heapwarden.yaml:2:5: collections[0]: sets no limit (hint: add max-entries,"
                + " max-bytes or both)",
            "heapwarden.yaml:3:5: collections[0].max-entires: unknown key (hint: did you mean"
                + " 'max-entries'?)");
  }

  @Test
  void unknownKeySpelledInCamelCase() {
    assertThat(files.problems(yaml("logging:", "  linesPerMinute: 5")))
        .containsExactly(
            "heapwarden.yaml:2:3: logging.linesPerMinute: unknown key (hint: did you mean"
                + " 'lines-per-minute'?)");
  }

  @Test
  void unknownKeyThatBelongsElsewhere() {
    assertThat(files.problems(yaml("level: debug")))
        .containsExactly(
            "heapwarden.yaml:1:1: level: unknown key (hint: 'level' belongs under 'logging:')");
  }

  @Test
  void unknownKeyWrittenAsADottedPath() {
    assertThat(files.problems(yaml("logging.level: debug")))
        .containsExactly(
            "heapwarden.yaml:1:1: logging.level: unknown key (hint: nest it: 'logging:' with"
                + " 'level:' indented below)");
  }

  @Test
  void unknownKeyWithNothingClose() {
    assertThat(files.problems(yaml("headroom: 75%")))
        .containsExactly(
            "heapwarden.yaml:1:1: headroom: unknown key (hint: the top-level keys are strict,"
                + " logging, telemetry, reload, collections, singletons, instances, sessions,"
                + " pressure, discover, admin)");
  }

  @Test
  void sectionGivenASingleValue() {
    assertThat(files.problems(yaml("logging: debug")))
        .containsExactly(
            "heapwarden.yaml:1:10: logging: must be a mapping of keys, got the value 'debug'"
                + " (hint: put its keys on indented lines below it: level, lines-per-minute)");
  }

  @Test
  void ruleListGivenAMapping() {
    assertThat(
            files.problems(
                yaml("collections:", "  field: com.example.Cache.entries", "  max-entries: 5")))
        .containsExactly(
            "heapwarden.yaml:2:3: collections: must be a list of rules, got a mapping (hint:"
                + " start each rule with '- ', e.g. '- field:"
                + " com.example.chat.ResponseCache.entries')");
  }

  @Test
  void valueGivenAList() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: [1, 2]")))
        .containsExactly(
            "heapwarden.yaml:3:18: collections[0].max-entries: must be a single value, got a list"
                + " (hint: e.g. max-entries: 500)");
  }

  @Test
  void valueMissing() {
    assertThat(
            files.problems(
                yaml("collections:", "  - field: com.example.Cache.entries", "    max-entries:")))
        .containsExactly(
            "heapwarden.yaml:3:5: collections[0].max-entries: has no value (hint: e.g."
                + " max-entries: 500, or remove the key)");
  }

  @Test
  void notANumber() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: lots")))
        .containsExactly(
            "heapwarden.yaml:3:18: collections[0].max-entries: must be a positive whole number,"
                + " got 'lots' (hint: e.g. max-entries: 500)");
  }

  @Test
  void numberTooLarge() {
    assertThat(files.problems(yaml("logging:", "  lines-per-minute: 3000000000")))
        .containsExactly(
            "heapwarden.yaml:2:21: logging.lines-per-minute: must be at most 2147483647, got"
                + " 3000000000 (hint: e.g. lines-per-minute: 60)");
  }

  @Test
  void durationsTheClocksCannotHold() {
    assertThat(
            files.problems(
                yaml(
                    "telemetry:",
                    "  interval: 106752d",
                    "reload:",
                    "  interval: 9223372036855ms",
                    "sessions:",
                    "  - field: com.example.Store.sessions",
                    "    idle-timeout: 99999999999999999d")))
        .containsExactly(
            "heapwarden.yaml:2:13: telemetry.interval: is too large, got 106752d (hint: the"
                + " largest duration is 106751d (9223372036854ms))",
            "heapwarden.yaml:4:13: reload.interval: is too large, got 9223372036855ms (hint: the"
                + " largest duration is 106751d (9223372036854ms))",
            "heapwarden.yaml:7:19: sessions[0].idle-timeout: is too large, got 99999999999999999d"
                + " (hint: the largest duration is 106751d (9223372036854ms))");
  }

  @Test
  void theLargestDurationIsHeldExactly() {
    AgentConfig config =
        files.valid(
            yaml(
                "telemetry:",
                "  interval: 9223372036854ms",
                "sessions:",
                "  - field: com.example.Store.sessions",
                "    idle-timeout: 106751d"));

    assertThat(config.telemetry().interval().toNanos()).isEqualTo(9_223_372_036_854_000_000L);
    assertThat(config.rules(SessionRule.class).get(0).idleTimeout().toNanos())
        .isEqualTo(106_751L * 86_400_000_000_000L);
  }

  @Test
  void sizeTooLarge() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-bytes: 9999999999G",
                    "pressure:",
                    "  container:",
                    "    limit: 8388608TB")))
        .containsExactly(
            "heapwarden.yaml:3:16: collections[0].max-bytes: is too large, got 9999999999G (hint:"
                + " the largest size is 8388607TB (9223372036854775807 bytes))",
            "heapwarden.yaml:6:12: pressure.container.limit: is too large, got 8388608TB (hint:"
                + " the largest size is 8388607TB (9223372036854775807 bytes))");
  }

  @Test
  void countBeyondALong() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: 99999999999999999999")))
        .containsExactly(
            "heapwarden.yaml:3:18: collections[0].max-entries: must be at most"
                + " 9223372036854775807, got 99999999999999999999 (hint: e.g. max-entries: 500)");
  }

  @Test
  void percentageBeyondAHundred() {
    assertThat(
            files.problems(
                yaml("pressure:", "  heap:", "    warn: 99999999999999999999999999999999999%")))
        .containsExactly(
            "heapwarden.yaml:3:11: pressure.heap.warn: must be between 0% and 100%, got"
                + " 99999999999999999999999999999999999% (hint: e.g. 75%)");
  }

  @Test
  void unknownSizeUnit() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-bytes: 10MBs")))
        .containsExactly(
            "heapwarden.yaml:3:16: collections[0].max-bytes: unknown size unit 'MBs' in '10MBs'"
                + " (hint: use B, KB, MB, GB, TB or KiB, MiB, GiB, TiB, all 1024-based; a bare"
                + " number means bytes)");
  }

  @Test
  void durationWithoutAUnit() {
    assertThat(files.problems(yaml("telemetry:", "  interval: 10")))
        .containsExactly(
            "heapwarden.yaml:2:13: telemetry.interval: needs a unit, got 10 (hint: write 10s for"
                + " seconds; the units are ms, s, m, h or d)");
  }

  @Test
  void zeroDuration() {
    assertThat(files.problems(yaml("reload:", "  interval: 0s")))
        .containsExactly(
            "heapwarden.yaml:2:13: reload.interval: must be positive, got 0s (hint: e.g."
                + " interval: 10s)");
  }

  @Test
  void notABoolean() {
    assertThat(files.problems(yaml("telemetry:", "  jfr: yes")))
        .containsExactly(
            "heapwarden.yaml:2:8: telemetry.jfr: must be true or false, got 'yes' (hint: write"
                + " true or false)");
  }

  @Test
  void unknownChoiceWithDidYouMean() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: 5",
                    "    eviction: lur")))
        .containsExactly(
            "heapwarden.yaml:4:15: collections[0].eviction: must be one of lru, fifo, got 'lur'"
                + " (hint: did you mean 'lru'?)");
  }

  @Test
  void malformedYaml() {
    assertThat(files.problems(yaml("logging:", "  level: info: debug")))
        .containsExactly(
            "heapwarden.yaml:2:14: malformed YAML: mapping values are not allowed here (hint:"
                + " quote a value that contains ': ', or check the indentation)");
  }

  @Test
  void malformedYamlIndentation() {
    assertThat(files.problems(yaml("logging:", "  level: info", " lines-per-minute: 5")))
        .containsExactly(
            "heapwarden.yaml:3:2: malformed YAML: expected <block end>, but found '<block mapping"
                + " start>' (hint: check the indentation: the keys of one mapping must line up)");
  }

  @Test
  void tabIndentation() {
    assertThat(files.problems("logging:\n\tlevel: info\n"))
        .containsExactly(
            "heapwarden.yaml:2:1: malformed YAML: found character '\\t(TAB)' that cannot start"
                + " any token. (Do not use \\t(TAB) for indentation) (hint: indent with spaces;"
                + " YAML does not allow tabs)");
  }

  @Test
  void moreThanOneDocument() {
    assertThat(files.problems(yaml("strict: true", "---", "strict: false")))
        .containsExactly(
            "heapwarden.yaml:2:1: malformed YAML: expected a single document in the stream but found"
                + " another document (hint:"
                + " the file holds one document; remove the '---' separators)");
  }

  @Test
  void aliasBomb() {
    // Each line refers to the list above it nine times: 9^7 strings if expanded.
    List<String> lines = new java.util.ArrayList<>(List.of("a: &a [lol, lol, lol, lol]"));
    for (char name = 'b'; name <= 'h'; name++) {
      String previous = "*" + (char) (name - 1);
      lines.add(
          name
              + ": &"
              + name
              + " ["
              + String.join(", ", java.util.Collections.nCopies(9, previous))
              + "]");
    }

    assertThat(files.problems(yaml(lines.toArray(String[]::new))))
        .containsExactly(
            "heapwarden.yaml:7:28: too many aliases: more than 50 refer to a list or mapping"
                + " (hint: a config needs few; this looks like an alias bomb (\"billion laughs\"):"
                + " write the values out)");
  }

  @Test
  void deepNesting() {
    String deep = "logging: " + "[".repeat(60) + "]".repeat(60);

    assertThat(files.problems(yaml(deep)))
        .containsExactly(
            "heapwarden.yaml:1:59: nested too deeply: more than 50 lists or mappings inside each"
                + " other (hint: a config nests 4 deep at most; look for an unclosed '[' or '{')");
  }

  @Test
  void emptyFile() {
    String expected =
        "heapwarden.yaml: the config file is empty (hint: write at least one key, e.g."
            + " 'collections: []' for no rules; an empty file is refused since a file truncated"
            + " while being written would look the same)";

    assertThat(files.problems("")).containsExactly(expected);
    assertThat(files.problems("  \n# nothing yet\n\n")).containsExactly(expected);
    assertThat(files.problems("---\n")).containsExactly(expected);
  }

  @Test
  void reloadIntervalBelowTheFloor() {
    assertThat(files.problems(yaml("reload:", "  interval: 99ms")))
        .containsExactly(
            "heapwarden.yaml:2:13: reload.interval: is too short, got 99ms (hint: the shortest"
                + " interval is 100ms)");
    assertThat(files.valid(yaml("reload:", "  interval: 100ms")).reload().interval())
        .isEqualTo(java.time.Duration.ofMillis(100));
  }

  @Test
  void twoRulesOnOneField() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: 5",
                    "  - field: com.example.Cache$Inner.entries",
                    "    max-entries: 5",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: 9",
                    "sessions:",
                    "  - field: com.example.Cache.Inner.entries",
                    "    max-sessions: 10")))
        .containsExactly(
            "heapwarden.yaml:6:5: collections[2]: targets field com.example.Cache.entries, as"
                + " collections[0] does at heapwarden.yaml:2:5 (hint: keep one of the two rules; a"
                + " target takes one rule)",
            "heapwarden.yaml:9:5: sessions[0]: targets field com.example.Cache$Inner.entries, as"
                + " collections[1] does at heapwarden.yaml:4:5 (hint: keep one of the two rules; a"
                + " target takes one rule)");
  }

  @Test
  void twoRulesOfOneKindOnOneClassOrPreset() {
    assertThat(
            files.problems(
                yaml(
                    "instances:",
                    "  - class: com.example.Connection",
                    "    max-live: 5",
                    "  - class: com.example.Connection",
                    "    max-live: 9",
                    "sessions:",
                    "  - preset: spring-ai",
                    "  - preset: spring-ai")))
        .containsExactly(
            "heapwarden.yaml:4:5: instances[1]: targets class com.example.Connection, as"
                + " instances[0] does at heapwarden.yaml:2:5 (hint: keep one of the two rules; a"
                + " target takes one rule)",
            "heapwarden.yaml:8:5: sessions[1]: targets preset spring-ai, as sessions[0] does at"
                + " heapwarden.yaml:7:5 (hint: keep one of the two rules; a target takes one rule)");
  }

  @Test
  void aSingletonAndAnInstanceRuleMayShareAClass() {
    AgentConfig config =
        files.valid(
            yaml(
                "singletons:",
                "  - class: com.example.Model",
                "instances:",
                "  - class: com.example.Model",
                "    max-live: 2"));

    assertThat(config.rules()).hasSize(2);
  }

  @Test
  void notUtf8() {
    byte[] latin1 = "logging:\n  level: d\u00e9bug\n".getBytes(StandardCharsets.ISO_8859_1);

    ConfigResult result = ConfigLoader.load(files.request(files.write("latin1.yaml", latin1)));

    assertThat(ConfigFiles.problems(result))
        .containsExactly(
            "heapwarden.yaml:2:11: the config file is not valid UTF-8 (hint: save it as UTF-8)");
  }

  @Test
  void topLevelIsNotAMapping() {
    assertThat(files.problems(yaml("- strict: true")))
        .containsExactly(
            "heapwarden.yaml:1:1: the config must be a mapping of keys, got a list (hint: start"
                + " with top-level keys such as strict:, logging: or collections:)");
  }

  @Test
  void duplicateKey() {
    assertThat(files.problems(yaml("logging:", "  level: info", "  level: debug")))
        .containsExactly(
            "heapwarden.yaml:3:3: logging.level: duplicate key, first set on line 2 (hint: keep"
                + " only one of them)");
  }

  @Test
  void missingFile() {
    Path missing = dir.resolve("missing.yaml");

    ConfigResult result =
        ConfigLoader.load(
            new ConfigRequest(Kinds.schema(), missing, "missing.yaml", Map.of(), List.of()));

    assertThat(ConfigFiles.problems(result))
        .containsExactly(
            "missing.yaml: cannot read the config file: no such file (hint: the path resolves to "
                + missing
                + ")");
  }

  @Test
  void unreadableFileBecauseItIsADirectory() throws Exception {
    Path conf = Files.createDirectory(dir.resolve("conf"));

    ConfigResult result =
        ConfigLoader.load(new ConfigRequest(Kinds.schema(), conf, "conf", Map.of(), List.of()));

    assertThat(ConfigFiles.problems(result))
        .containsExactly(
            "conf: cannot read the config file: it is a directory (hint: name the YAML file"
                + " itself, e.g. "
                + conf.resolve("heapwarden.yaml")
                + ")");
  }

  @Test
  void fileTooLarge() throws Exception {
    Path huge = dir.resolve("heap.hprof");
    try (var channel =
        java.nio.channels.FileChannel.open(
            huge,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 5L << 20);
    }

    ConfigResult result =
        ConfigLoader.load(
            new ConfigRequest(Kinds.schema(), huge, "heap.hprof", Map.of(), List.of()));

    assertThat(ConfigFiles.problems(result))
        .containsExactly(
            "heap.hprof: the config file is too large: 5242881 bytes (hint: a config is a few KB;"
                + " is this the right file? the path resolves to "
                + huge
                + ")");
  }

  @Test
  void malformedField() {
    assertThat(
            files.problems(yaml("collections:", "  - field: ResponseCache", "    max-entries: 5")))
        .containsExactly(
            "heapwarden.yaml:2:12: collections[0].field: 'ResponseCache' is not a field name: it"
                + " names no class (hint: write the.Class.field, e.g."
                + " com.example.ResponseCache.entries)");
  }

  @Test
  void malformedClass() {
    assertThat(
            files.problems(
                yaml("instances:", "  - class: com.example.9db.Connection", "    max-live: 5")))
        .containsExactly(
            "heapwarden.yaml:2:12: instances[0].class: 'com.example.9db.Connection' is not a class"
                + " name: '9db' is not a Java identifier (hint: write the class's name, e.g."
                + " com.example.Outer$Inner or com.example.Outer.Inner)");
  }

  @Test
  void malformedMethod() {
    assertThat(files.problems(yaml("singletons:", "  - method: com.example.Models.load")))
        .containsExactly(
            "heapwarden.yaml:2:13: singletons[0].method: 'com.example.Models.load' is not a"
                + " method: expected the.Class.method(param.Type, ...) (hint: write"
                + " the.Class.method(param.Type, ...), e.g."
                + " com.example.Models.load(java.lang.String); write () for no parameters)");
  }

  @Test
  void methodWithAnUnqualifiedParameterType() {
    assertThat(files.problems(yaml("singletons:", "  - method: com.example.Models.load(String)")))
        .containsExactly(
            "heapwarden.yaml:2:13: singletons[0].method: 'com.example.Models.load(String)' is not"
                + " a method: parameter type 'String' is not fully qualified (hint: write"
                + " java.lang.String)");
  }

  @Test
  void missingRequiredKey() {
    assertThat(files.problems(yaml("collections:", "  - max-entries: 5")))
        .containsExactly(
            "heapwarden.yaml:2:5: collections[0]: missing required key 'field' (hint: e.g. field:"
                + " com.example.chat.ResponseCache.entries)");
  }

  @Test
  void missingRequiredKeyInANestedSection() {
    assertThat(
            files.problems(
                yaml(
                    "collections:",
                    "  - field: com.example.Cache.entries",
                    "    max-entries: 5",
                    "    values:",
                    "      max-bytes: 1MB")))
        .containsExactly(
            "heapwarden.yaml:4:5: collections[0].values: missing required key 'max-entries'"
                + " (hint: e.g. max-entries: 100)",
            "heapwarden.yaml:5:7: collections[0].values.max-bytes: unknown key (hint: 'max-bytes'"
                + " belongs in a rule under 'collections:')");
  }

  @Test
  void bothClassAndMethod() {
    assertThat(
            files.problems(
                yaml(
                    "singletons:",
                    "  - class: com.example.ml.EmbeddingModel",
                    "    method: com.example.ml.Models.load(java.lang.String)")))
        .containsExactly(
            "heapwarden.yaml:3:5: singletons[0]: has both 'class' and 'method'; set exactly one"
                + " (hint: class: shares what constructors create, method: what a factory method"
                + " returns)");
  }

  @Test
  void neitherClassNorMethod() {
    assertThat(files.problems(yaml("singletons:", "  - key: class")))
        .containsExactly(
            "heapwarden.yaml:2:5: singletons[0]: needs 'class' or 'method' (hint: e.g. class:"
                + " com.example.ml.EmbeddingModel)");
  }

  @Test
  void neitherMaxEntriesNorMaxBytes() {
    assertThat(
            files.problems(
                yaml("collections:", "  - field: com.example.Cache.entries", "    eviction: fifo")))
        .containsExactly(
            "heapwarden.yaml:2:5: collections[0]: sets no limit (hint: add max-entries, max-bytes"
                + " or both)");
  }

  @Test
  void emptyRule() {
    assertThat(
            files.problems(yaml("collections:", "  -", "  - field: a.B.c", "    max-entries: 1")))
        .containsExactly(
            "heapwarden.yaml:2:4: collections[0]: must be a mapping of keys, got nothing (hint:"
                + " start each rule with '- ', e.g. '- field:"
                + " com.example.chat.ResponseCache.entries')");
  }

  @Test
  void keyThatIsNotAName() {
    assertThat(files.problems(yaml("? [a, b]", ": 1")))
        .containsExactly("heapwarden.yaml:1:3: keys must be plain names, got a list");
  }

  @Test
  void collectsEveryProblemInOnePassInFileOrder() {
    List<String> problems =
        files.problems(
            yaml(
                "strict: maybe",
                "logging:",
                "  level: verbose",
                "collections:",
                "  - field: com.example.Cache.entries",
                "    max-entries: 0",
                "  - field: com.example.Other.entries",
                "    max-bytes: 10XB",
                "singletons:",
                "  - scope: galaxy",
                "instances:",
                "  - class: com.example.Connection"));

    assertThat(problems)
        .containsExactly(
            "heapwarden.yaml:1:9: strict: must be true or false, got 'maybe' (hint: write true or"
                + " false)",
            "heapwarden.yaml:3:10: logging.level: must be one of off, error, warn, info, debug,"
                + " got 'verbose'",
            "heapwarden.yaml:6:18: collections[0].max-entries: must be a positive whole number,"
                + " got 0 (hint: remove the key to leave the limit unset)",
            "heapwarden.yaml:8:16: collections[1].max-bytes: unknown size unit 'XB' in '10XB'"
                + " (hint: use B, KB, MB, GB, TB or KiB, MiB, GiB, TiB, all 1024-based; a bare"
                + " number means bytes)",
            "heapwarden.yaml:10:5: singletons[0]: needs 'class' or 'method' (hint: e.g. class:"
                + " com.example.ml.EmbeddingModel)",
            "heapwarden.yaml:10:12: singletons[0].scope: must be one of global, thread, got"
                + " 'galaxy'",
            "heapwarden.yaml:12:5: instances[0]: missing required key 'max-live' (hint: e.g."
                + " max-live: 5)");
  }

  @Test
  void anInvalidConfigIsStrictWhenItSaysSo() {
    ConfigResult result =
        files.load(yaml("strict: true", "collections:", "  - field: a.B.c", "    max-entries: 0"));

    assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
    assertThat(((ConfigResult.Invalid) result).strict()).isTrue();
  }

  @Test
  void anInvalidConfigIsNotStrictByDefaultNorWhenStrictItselfIsMalformed() {
    ConfigResult lenient = files.load(yaml("collections: 5"));
    ConfigResult malformedStrict = files.load(yaml("strict: yes"));

    assertThat(((ConfigResult.Invalid) lenient).strict()).isFalse();
    assertThat(((ConfigResult.Invalid) malformedStrict).strict()).isFalse();
  }

  @Test
  void malformedYamlIsStillStrictWhenATopLevelLineSaysStrictTrue() {
    ConfigResult result =
        files.load(
            yaml("strict: true   # stop the JVM on a bad config", "logging:", "\tlevel: info"));

    assertThat(((ConfigResult.Invalid) result).strict()).isTrue();
  }

  @Test
  void aMissingFileIsStrictWhenAnOverrideSaysSo() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=missing.yaml,strict=true",
            Map.of("user.dir", dir.toString()),
            Map.of());

    ConfigResult result = ConfigLoader.load(request);

    assertThat(((ConfigResult.Invalid) result).strict()).isTrue();
  }
}
