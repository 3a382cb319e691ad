package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any bytes as the config file: a valid config, or problems that each say where (never the loader's
 * safety net for its own bugs, never an exception). Seeds: {@code ConfigLoaderFuzzTestInputs/}.
 * Fuzz with {@code JAZZER_FUZZ=1} (see docs/how-it-works.md, "Fuzzing").
 */
class ConfigLoaderFuzzTest {
  private static final ConfigRequest REQUEST =
      new ConfigRequest(Kinds.schema(), Path.of("fuzz.yaml"), Map.of());

  @FuzzTest(maxDuration = "3m")
  void anyBytesGiveAConfigOrLocatedProblems(byte[] content) {
    ConfigResult result = ConfigLoader.load(REQUEST, content);
    if (result instanceof ConfigResult.Invalid invalid) {
      assertThat(invalid.problems())
          .isNotEmpty()
          .allSatisfy(
              problem -> {
                assertThat(problem.message()).doesNotContain("could not be validated");
                assertThat(problem.format()).contains("fuzz.yaml");
              });
    } else {
      assertThat(result).isInstanceOf(ConfigResult.Valid.class);
    }
  }
}
