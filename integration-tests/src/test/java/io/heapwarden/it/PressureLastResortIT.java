package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.pressure.HoldingService;
import io.heapwarden.it.fixtures.pressure.OomThenCacheService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * When trimming cannot help: the last resort ({@code exit-after}) stops a service whose heap stays
 * critical with the bounds at their floor, and the guard outlives an OutOfMemoryError episode of
 * the service's own.
 */
class PressureLastResortIT {
  @Test
  void criticalAtTheFloorForExitAfterEndsTheJvmWithStatus75AndAHistogram() throws Exception {
    JvmResult result =
        AgentJvm.forMainClass(HoldingService.class)
            .withConfig(
                """
                pressure:
                  heap: {warn: 60%, critical: 75%}
                  on-critical: {min-interval: 1s, exit-after: 2s}
                """)
            .jvmArgs("-Xmx96m", "-XX:+UseG1GC")
            .args("80", "30000") // 80% held: G1 itself needs the rest
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(75);
    assertThat(result.stdout()).doesNotContain("done:");
    List<Path> histograms;
    try (Stream<Path> files = Files.list(result.workspace().dir())) {
      histograms =
          files
              .filter(f -> f.getFileName().toString().startsWith("heapwarden-histogram-"))
              .collect(Collectors.toList());
    }
    assertThat(histograms).as(result.output()).hasSize(1);
    assertThat(Files.readString(histograms.get(0))).contains("#instances", "[B");
    assertThat(result.agentLines())
        .as(result.output())
        .anyMatch(
            line ->
                line.contains(
                        "ERROR memory pressure CRITICAL for 2 s with bounds at their floor (10%):"
                            + " stopping the JVM with exit status 75")
                    && line.contains("class histogram in " + histograms.get(0)));
  }

  @Test
  void afterAnOutOfMemoryEpisodeOfTheServiceTheGuardStillReacts() {
    JvmResult result =
        AgentJvm.forMainClass(OomThenCacheService.class)
            .withConfig(
                """
                collections:
                  - field: io.heapwarden.it.fixtures.pressure.OomThenCacheService.cache
                    max-entries: 150000
                pressure:
                  heap: {warn: 70%, critical: 85%}
                  on-critical: {trim-to: 50%, min-interval: 1s}
                """)
            .jvmArgs("-Xmx96m", "-XX:+UseG1GC")
            .args("3000", "150000")
            .run();

    // 150,000 entries of 1 KB do not fit in 96 MB: the cache got through only because the guard,
    // after the episode, still scaled its bound down
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("episode over");
    Matcher done =
        Pattern.compile("done: size=(\\d+) agent threads=\\[(.*)]").matcher(result.stdout());
    assertThat(done.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(done.group(1))).isLessThanOrEqualTo(75_000);
    assertThat(done.group(2)).contains("heapwarden-pressure");
    assertThat(result.stderr())
        .doesNotContain("in thread \"heapwarden-pressure\"")
        .doesNotContain("in thread \"Service Thread\"")
        .doesNotContain("in thread \"Notification Thread\"");
  }
}
