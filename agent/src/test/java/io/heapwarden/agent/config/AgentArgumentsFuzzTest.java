package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heapwarden.agent.rules.Kinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any text as the agent argument: key=value pairs with non-empty keys and values, each key once, or
 * problems; and whatever overrides it gives, the loader answers with a config or located problems.
 * Seeds: {@code AgentArgumentsFuzzTestInputs/}.
 */
class AgentArgumentsFuzzTest {
  @FuzzTest(maxDuration = "3m")
  void anyArgumentGivesPairsOrProblems(byte[] utf8) {
    String text = new String(utf8, StandardCharsets.UTF_8); // seeds are plain text files
    List<ConfigProblem> problems = new ArrayList<>();
    List<AgentArguments.Argument> arguments = AgentArguments.parse(text, problems);
    Set<String> names = new HashSet<>();
    for (AgentArguments.Argument argument : arguments) {
      assertThat(argument.name()).isNotEmpty().doesNotContain("=");
      assertThat(argument.value()).isNotEmpty();
      assertThat(names.add(argument.name())).as("each key once").isTrue();
    }
    assertThat(problems).allSatisfy(problem -> assertThat(problem.format()).isNotEmpty());

    ConfigRequest located = ConfigRequest.locate(Kinds.schema(), text, Map.of(), Map.of());
    // the overrides alone: a config file named by the argument is not read here
    ConfigResult result =
        ConfigLoader.load(
            new ConfigRequest(
                located.schema(), null, null, located.overrides(), located.problems()));
    if (result instanceof ConfigResult.Invalid invalid) {
      assertThat(invalid.problems())
          .isNotEmpty()
          .allSatisfy(
              problem -> assertThat(problem.message()).doesNotContain("could not be validated"));
    }
  }
}
