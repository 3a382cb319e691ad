package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.bootstrap.Limit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pressure:} section: the model it builds, and each problem as the user sees it. */
class PressureConfigTest {
  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void withoutTheSectionTheGuardIsOff() {
    assertThat(files.valid(yaml("strict: false")).pressure()).isEqualTo(PressureSettings.OFF);
    assertThat(AgentConfig.defaults().pressure().enabled()).isFalse();
  }

  @Test
  void anEmptySectionTurnsItOnWithTheDefaults() {
    PressureSettings pressure = files.valid(yaml("pressure:")).pressure();

    assertThat(pressure.enabled()).isTrue();
    assertThat(pressure.heapWarn()).isEqualTo(0.75);
    assertThat(pressure.heapCritical()).isEqualTo(0.90);
    assertThat(pressure.containerWarn()).isEqualTo(0.80);
    assertThat(pressure.containerCritical()).isEqualTo(0.90);
    assertThat(pressure.containerLimit()).isEqualTo(Limit.UNSET);
    assertThat(pressure.trimTo()).isEqualTo(0.50);
    assertThat(pressure.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(pressure.gc()).isTrue();
    assertThat(pressure.trimNative()).isTrue();
    assertThat(pressure.minInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pressure.heapDumpPath()).isNull();
    assertThat(pressure.heapDumpOn()).isEqualTo(PressureSettings.HeapDumpOn.CRITICAL);
  }

  @Test
  void theSectionOfTheIssueParses() {
    PressureSettings pressure =
        files
            .valid(
                yaml(
                    "pressure:",
                    "  heap:      { warn: 70%, critical: 85% }",
                    "  container: { warn: 80%, critical: 95%, limit: 512MB }",
                    "  on-critical:",
                    "    trim-to: 25%",
                    "    idle-timeout: 30s",
                    "    gc: false",
                    "    trim-native: false",
                    "    min-interval: 10s",
                    "    trim-floor: 5%",
                    "    exit-after: 45s",
                    "  heap-dump:",
                    "    path: /tmp/heapwarden-%p.hprof",
                    "    on: warn"))
            .pressure();

    assertThat(pressure)
        .isEqualTo(
            new PressureSettings(
                true,
                0.70,
                0.85,
                0.80,
                0.95,
                512L << 20,
                0.25,
                Duration.ofSeconds(30),
                false,
                false,
                Duration.ofSeconds(10),
                "/tmp/heapwarden-%p.hprof",
                PressureSettings.HeapDumpOn.WARN,
                0.05,
                Duration.ofSeconds(45)));
  }

  @Test
  void anOverrideAloneTurnsItOn() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "pressure.container.limit=256MB",
            Map.of("user.dir", dir.toString()),
            Map.of());

    AgentConfig config = ((ConfigResult.Valid) ConfigLoader.load(request)).config();

    assertThat(config.pressure().enabled()).isTrue();
    assertThat(config.pressure().containerLimit()).isEqualTo(256L << 20);
  }

  @Test
  void heapWarnAtOrAboveCritical() {
    assertThat(files.problems(yaml("pressure:", "  heap:", "    warn: 95%")))
        .containsExactly(
            "heapwarden.yaml:3:11: pressure.heap.warn: must be below critical (90%), got 95%"
                + " (hint: e.g. warn: 75%, critical: 90%)");
  }

  @Test
  void containerCriticalLoweredBelowTheDefaultWarn() {
    assertThat(files.problems(yaml("pressure:", "  container: {critical: 80%}")))
        .containsExactly(
            "heapwarden.yaml:2:25: pressure.container.warn: must be below critical (80%), got 80%"
                + " (hint: e.g. warn: 65%, critical: 80%)");
  }

  @Test
  void aThresholdThatIsNotAPercentage() {
    assertThat(files.problems(yaml("pressure:", "  heap: {critical: 0.9}")))
        .containsExactly(
            "heapwarden.yaml:2:20: pressure.heap.critical: must be a percentage like 75%, got 0.9"
                + " (hint: write 90%)");
  }

  @Test
  void aTrimToAbove100Percent() {
    assertThat(files.problems(yaml("pressure:", "  on-critical:", "    trim-to: 150%")))
        .containsExactly(
            "heapwarden.yaml:3:14: pressure.on-critical.trim-to: must be between 0% and 100%,"
                + " got 150% (hint: e.g. 75%)");
  }

  @Test
  void aHeapDumpWithoutAPath() {
    assertThat(files.problems(yaml("pressure:", "  heap-dump:", "    on: critical")))
        .containsExactly(
            "heapwarden.yaml:2:3: pressure.heap-dump: missing required key 'path' (hint: e.g."
                + " path: /tmp/heapwarden-%p.hprof)");
  }

  @Test
  void aHeapDumpInADirectoryThatDoesNotExist() {
    Path missing = dir.resolve("dumps");

    assertThat(
            files.problems(
                yaml("pressure:", "  heap-dump:", "    path: " + missing + "/heap-%p.hprof")))
        .containsExactly(
            "heapwarden.yaml:3:11: pressure.heap-dump.path: directory "
                + missing
                + " does not exist (hint: create it, or name a file in a directory that exists;"
                + " the dump does not create directories)");
  }

  @Test
  void aHeapDumpPathThatIsADirectory() {
    assertThat(files.problems(yaml("pressure:", "  heap-dump:", "    path: " + dir)))
        .containsExactly(
            "heapwarden.yaml:3:11: pressure.heap-dump.path: "
                + dir
                + " is a directory (hint: name the dump file, e.g. "
                + dir.resolve("heapwarden-%p.hprof")
                + ")");
  }

  @Test
  void aHeapDumpPathOverriddenToADirectoryThatDoesNotExist() {
    Path missing = dir.resolve("dumps");
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            null,
            Map.of("user.dir", dir.toString()),
            Map.of("HEAPWARDEN_PRESSURE_HEAP_DUMP_PATH", missing + "/heap.hprof"));

    assertThat(ConfigFiles.problems(ConfigLoader.load(request)))
        .containsExactly(
            "HEAPWARDEN_PRESSURE_HEAP_DUMP_PATH: pressure.heap-dump.path: directory "
                + missing
                + " does not exist (hint: create it, or name a file in a directory that exists;"
                + " the dump does not create directories)");
  }

  @Test
  void aHeapDumpInADirectoryThatIsNotWritable() throws Exception {
    Path readOnly = java.nio.file.Files.createDirectory(dir.resolve("read-only"));
    assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
    org.junit.jupiter.api.Assumptions.assumeFalse(
        java.nio.file.Files.isWritable(readOnly), "root writes anywhere");

    assertThat(
            files.problems(yaml("pressure:", "  heap-dump:", "    path: " + readOnly + "/h.hprof")))
        .containsExactly(
            "heapwarden.yaml:3:11: pressure.heap-dump.path: directory "
                + readOnly
                + " is not writable (hint: make it writable to the user the service runs as)");
  }

  @Test
  void aMisspelledLevel() {
    assertThat(
            files.problems(
                yaml("pressure:", "  heap-dump:", "    path: /tmp/x.hprof", "    on: critcal")))
        .containsExactly(
            "heapwarden.yaml:4:9: pressure.heap-dump.on: must be one of warn, critical, got"
                + " 'critcal' (hint: did you mean 'critical'?)");
  }

  @Test
  void aMisspelledKey() {
    assertThat(files.problems(yaml("pressure:", "  on-critical:", "    min-intervall: 10s")))
        .containsExactly(
            "heapwarden.yaml:3:5: pressure.on-critical.min-intervall: unknown key (hint: did you"
                + " mean 'min-interval'?)");
  }

  @Test
  void aContainerLimitThatIsNotASize() {
    assertThat(files.problems(yaml("pressure:", "  container: {limit: lots}")))
        .containsExactly(
            "heapwarden.yaml:2:22: pressure.container.limit: must be a size like 10MB, got 'lots'"
                + " (hint: use B, KB, MB, GB, TB or KiB, MiB, GiB, TiB, all 1024-based; a bare"
                + " number means bytes, e.g. 10MB)");
  }
}
