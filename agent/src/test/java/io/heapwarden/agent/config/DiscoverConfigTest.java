package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code discover:} section: the model it builds, and each problem as the user sees it. */
class DiscoverConfigTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void withoutTheSectionDiscoveryIsOff() {
    assertThat(files.valid(yaml("strict: false")).discover()).isEqualTo(DiscoverySettings.OFF);
    assertThat(AgentConfig.defaults().discover().enabled()).isFalse();
  }

  @Test
  void theSectionOfTheIssueParses() {
    DiscoverySettings discover =
        files
            .valid(yaml("discover: { packages: [com.example, org.acme.shop], period: 30s }"))
            .discover();

    assertThat(discover)
        .isEqualTo(
            new DiscoverySettings(
                true, List.of("com.example", "org.acme.shop"), Duration.ofSeconds(30), false));
  }

  @Test
  void oneNameAndTheOldObjectSamplesParse() {
    DiscoverySettings discover =
        files
            .valid(
                yaml(
                    "discover:",
                    "  packages: io.heapwarden.examples",
                    "  period: 1s",
                    "  old-object-samples: true"))
            .discover();

    assertThat(discover.packages()).containsExactly("io.heapwarden.examples");
    assertThat(discover.period()).isEqualTo(Duration.ofSeconds(1));
    assertThat(discover.oldObjectSamples()).isTrue();
  }

  @Test
  void aBadPackageIsReportedAtItsItem() {
    assertThat(
            files.problems(yaml("discover:", "  packages:", "    - com.example", "    - com..x")))
        .singleElement()
        .asString()
        .contains("heapwarden.yaml:4:7")
        .contains("discover.packages[1]")
        .contains("'com..x' is not a package name: it has an empty part between dots")
        .contains("e.g. packages: [com.example, org.acme.shop]");
  }

  @Test
  void aKeywordAMappingAnEmptyListAndAMissingListAreProblems() {
    assertThat(files.problems(yaml("discover: { packages: [com.class] }")))
        .singleElement()
        .asString()
        .contains("'class' is a Java keyword");
    assertThat(files.problems(yaml("discover: { packages: [{a: b}] }")))
        .singleElement()
        .asString()
        .contains("must be a package name, got a mapping");
    assertThat(files.problems(yaml("discover: { packages: [] }")))
        .singleElement()
        .asString()
        .contains("must name at least one package");
    assertThat(files.problems(yaml("discover: { period: 1s }")))
        .singleElement()
        .asString()
        .contains("missing required key 'packages'");
    assertThat(files.problems(yaml("discover: { packages: [a], period: 10ms }")))
        .singleElement()
        .asString()
        .contains("the shortest period is 100ms");
  }

  @Test
  void anOverrideSetsCommaSeparatedPackages() {
    Path file = files.write(yaml("strict: false"));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=" + file,
            Map.of("heapwarden.discover.packages", "com.a, com.b"),
            Map.of());

    ConfigResult result = ConfigLoader.load(request);

    assertThat(result).isInstanceOf(ConfigResult.Valid.class);
    assertThat(((ConfigResult.Valid) result).config().discover().packages())
        .containsExactly("com.a", "com.b");
  }

  @Test
  void anOverrideOfThePeriodAloneLeavesDiscoveryOff() {
    Path file = files.write(yaml("strict: false"));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(), "config=" + file, Map.of("heapwarden.discover.period", "1m"), Map.of());

    ConfigResult result = ConfigLoader.load(request);

    assertThat(((ConfigResult.Valid) result).config().discover().enabled()).isFalse();
  }

  @Test
  void thePrintedConfigLoadsBackTheSame() {
    AgentConfig config =
        files.valid(yaml("discover: { packages: [com.example, org.acme], period: 2s }"));

    String printed = ConfigPrinter.toYaml(Kinds.schema(), config);

    assertThat(printed).contains("discover:\n  packages: [com.example, org.acme]\n  period: 2s\n");
    assertThat(files.valid(printed).discover()).isEqualTo(config.discover());
    assertThat(ConfigPrinter.toYaml(Kinds.schema(), AgentConfig.defaults()))
        .doesNotContain("discover");
  }
}
